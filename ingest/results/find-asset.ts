import { createHash } from 'node:crypto';
import { assetBlobOf, derivedAssetsOf, derivedFileOf, FILE_ASSETS, parseAsset, type FileAsset } from '../../contracts/assets.js';
import { resultBlobOf } from '../../contracts/ids.js';
import type { SubmittedFile } from '../../contracts/submission.js';
import type { IngestDeps } from '../deps.js';
import { HttpError } from '../http/http-error.js';

/** One stored asset, ready to be served. */
export interface FoundAsset {
  blob: string;
  contentType: string;
  size: number;
  etag: string;
  /** True when the bytes behind the name never change: everything but analysis.json, whose timings a redelivered job rewrites. */
  immutable: boolean;
  /** The original's: its name as sent. */
  disposition?: string;
  /** analysis.json's text, read already to learn which assets exist. */
  text?: string;
}

/** What a worker's analysis.json says that decides which derived assets exist. */
interface WrittenResult {
  mediaType: 'photo' | 'video';
  keyframes?: unknown[];
}

/**
 * The asset a URL names, for a file the client owns: which derived assets exist is what the worker's analysis.json
 * says (a photo has no poster, a video no thumbnails, keyframes only up to its count), the original while it is kept.
 * Anything else is a 404 whose detail names what the file does have.
 */
export async function findAsset(
  deps: Pick<IngestDeps, 'blobs'>,
  submissionId: string,
  file: SubmittedFile,
  name: string,
): Promise<FoundAsset> {
  const asset = parseAsset(name);
  if (!asset) {
    const detail = `'${name}' is not an asset. Assets are ${FILE_ASSETS.join(', ')} and keyframe-{n} (n from 0).`;
    throw new HttpError(404, 'unknown-asset', 'Unknown asset', detail);
  }
  if (asset === 'original') {
    const info = await deps.blobs.info(file.blob);
    const disposition = `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`;
    // Stored as it streamed in, before its type was sniffed: the type recorded for it is the one to answer with.
    if (info)
      return { blob: file.blob, contentType: file.contentType, size: info.size, etag: `"${file.sha256}"`, immutable: true, disposition };
  }
  const text = await readText(deps, resultBlobOf(submissionId, file.fileId));
  const written = text === undefined ? undefined : (JSON.parse(text) as WrittenResult);
  const derived = written ? derivedAssetsOf({ mediaType: written.mediaType, keyframeCount: written.keyframes?.length ?? 0 }) : [];
  const blob = assetBlobOf(submissionId, file.fileId, asset);
  const info = asset !== 'original' && derived.includes(asset) ? await deps.blobs.info(blob) : undefined;
  if (asset === 'original' || !info) throw await assetNotFound(deps, file, asset, derived);
  if (asset === 'analysis') return { blob, contentType: 'application/json', size: info.size, etag: etagOf(text!), immutable: false, text };
  // Derived from the original's bytes alone, so its hash and the asset name identify the content.
  return { blob, contentType: derivedFileOf(asset).contentType, size: info.size, etag: `"${file.sha256}.${asset}"`, immutable: true };
}

const etagOf = (text: string) => `"${createHash('sha256').update(text).digest('base64url')}"`;

async function readText(deps: Pick<IngestDeps, 'blobs'>, blob: string): Promise<string | undefined> {
  const value = await deps.blobs.readJson<unknown>(blob);
  // The blob store parses; written back as the worker's uploadJson wrote it, so the bytes served are the bytes stored.
  return value === undefined ? undefined : JSON.stringify(value);
}

async function assetNotFound(deps: Pick<IngestDeps, 'blobs'>, file: SubmittedFile, asset: FileAsset, derived: FileAsset[]) {
  const originalKept = asset !== 'original' && (await deps.blobs.info(file.blob)) !== undefined;
  const available: FileAsset[] = [...(originalKept ? ['original' as const] : []), ...derived];
  const keyframes = available.filter((a) => a.startsWith('keyframe-')).length;
  const listed = [
    ...available.filter((a) => !a.startsWith('keyframe-')),
    ...(keyframes ? [`keyframe-0 to keyframe-${keyframes - 1}`] : []),
  ];
  const has = listed.length ? `it has ${listed.join(', ')}` : 'it has none';
  const why = derived.length ? '' : ' No worker analysis has been written for it (yet).';
  return new HttpError(404, 'asset-not-found', 'Asset not found', `'${file.name}' has no ${asset}: ${has}.${why}`, { available });
}
