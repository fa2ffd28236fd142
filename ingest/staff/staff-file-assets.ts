import { assetBlobOf, keyframeAsset, type FileAsset } from '../../contracts/assets.js';
import { resultBlobOf } from '../../contracts/ids.js';
import type { SubmittedFile } from '../../contracts/submission.js';
import type { IngestDeps } from '../deps.js';

/** A read SAS for the desk lasts this long: long enough to look at a file, short enough not to matter if it leaks. */
const SAS_MS = 15 * 60_000;

/** Short-lived read URLs of a file's pictures, which an <img> on the desk loads straight from Blob Storage. */
export interface StaffFileAssets {
  original?: string;
  thumbnail320?: string;
  thumbnail1280?: string;
  poster?: string;
  contactSheet?: string;
  /** A video's keyframes, `time` in seconds. */
  keyframes?: { url: string; time: number }[];
}

/** What of a worker's analysis.json says which derived pictures exist. */
interface WrittenResult {
  mediaType: 'photo' | 'video';
  keyframes?: { timestampSeconds: number }[];
}

/**
 * The file's assets for the desk: the original always (served as the type it was sniffed as), the derived pictures
 * only once a worker wrote its analysis.json, which says which there are. An escalated file mostly has no worker
 * result yet: the original is then what the editor sees.
 */
export async function staffFileAssets(
  deps: Pick<IngestDeps, 'blobs' | 'now'>,
  submissionId: string,
  file: SubmittedFile,
): Promise<StaffFileAssets> {
  const expiresOn = new Date(deps.now().getTime() + SAS_MS);
  const url = (asset: FileAsset) => deps.blobs.readUrl(assetBlobOf(submissionId, file.fileId, asset), expiresOn);
  const assets: StaffFileAssets = {
    original: await deps.blobs.readUrl(file.blob, expiresOn, { contentType: file.contentType }),
  };
  const result = await deps.blobs.readJson<WrittenResult>(resultBlobOf(submissionId, file.fileId)).catch(() => undefined);
  if (result?.mediaType === 'photo') {
    assets.thumbnail320 = await url('thumbnail-320');
    assets.thumbnail1280 = await url('thumbnail-1280');
  } else if (result?.mediaType === 'video') {
    assets.poster = await url('poster');
    assets.contactSheet = await url('contact-sheet');
    assets.keyframes = await Promise.all(
      (result.keyframes ?? []).map(async (k, n) => ({ url: await url(keyframeAsset(n)), time: k.timestampSeconds })),
    );
  }
  return assets;
}
