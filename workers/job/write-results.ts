import { Readable } from 'node:stream';
import type { BlobStore } from '../../adapters/blob-store/blob-store.js';
import type { AnalysisResult } from '../../contracts/analysis-result.js';
import { assetBlobOf, derivedFileOf, type ImageAsset } from '../../contracts/assets.js';
import { resultBlobOf, resultPrefix } from '../../contracts/ids.js';

/** A derived file (thumbnail, poster, keyframe…); the asset fixes its blob name and content type, never random. */
export interface DerivedFile {
  asset: ImageAsset;
  bytes: Buffer;
}

const PARALLEL_UPLOADS = 4;

/**
 * Writes the derived files, then analysis.json last: a reader that finds analysis.json finds every
 * file it names. When any write fails, everything under the prefix is removed again so no partial
 * result is left; a redelivery rewrites the same names.
 */
export async function writeResults(blobs: BlobStore, result: AnalysisResult, files: readonly DerivedFile[]): Promise<string> {
  const prefix = resultPrefix(result.submissionId, result.fileId);
  try {
    for (let i = 0; i < files.length; i += PARALLEL_UPLOADS) {
      await Promise.all(
        files.slice(i, i + PARALLEL_UPLOADS).map((f) =>
          blobs.upload(assetBlobOf(result.submissionId, result.fileId, f.asset), Readable.from([f.bytes]), {
            contentType: derivedFileOf(f.asset).contentType,
          }),
        ),
      );
    }
    const path = resultBlobOf(result.submissionId, result.fileId);
    await blobs.uploadJson(path, result);
    return path;
  } catch (error) {
    await blobs.deletePrefix(prefix).catch(() => undefined);
    throw error;
  }
}
