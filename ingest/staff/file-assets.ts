import { assetBlobOf, derivedAssetsOf, derivedFileOf, type DerivedAsset, type FileAsset } from '../../contracts/assets.js';
import type { FileAnalysis } from '../../contracts/file-analysis.js';
import { resultBlobOf } from '../../contracts/ids.js';
import type { SubmittedFile } from '../../contracts/submission.js';
import type { IngestDeps } from '../deps.js';

/** As the results API's redirects: long enough to load a page's images, short enough not to be worth keeping. */
const SAS_SECONDS = 15 * 60;

export interface FileAssets {
  thumbnail320?: string;
  thumbnail1280?: string;
  poster?: string;
  contactSheet?: string;
  original?: string;
  keyframes?: { url: string; time: number }[];
}

const NAMED = {
  'thumbnail-320': 'thumbnail320',
  'thumbnail-1280': 'thumbnail1280',
  poster: 'poster',
  'contact-sheet': 'contactSheet',
} as const;

/**
 * Short-lived read SAS URLs of a file's pictures, which an <img> loads straight from Blob Storage: those its worker
 * analysis says exist (contracts/assets.ts), a video's keyframes with their times (from analysis.json), and the
 * original while it is kept (an escalated file has no analysis: the editor looks at the original).
 */
export async function fileAssets(
  deps: Pick<IngestDeps, 'blobs' | 'now'>,
  submissionId: string,
  file: SubmittedFile,
  analysis: FileAnalysis | null | undefined,
): Promise<FileAssets> {
  const expiresOn = new Date(deps.now().getTime() + SAS_SECONDS * 1000);
  const sign = (asset: FileAsset, contentType: string) =>
    deps.blobs.readUrl(assetBlobOf(submissionId, file.fileId, asset), expiresOn, { contentType });
  const assets: FileAssets = {};
  if (await deps.blobs.info(file.blob)) assets.original = await sign('original', file.contentType);
  if (analysis?.source !== 'worker') return assets;
  const derived = derivedAssetsOf(analysis).filter((a): a is DerivedAsset => a !== 'analysis');
  for (const asset of derived)
    if (asset in NAMED) assets[NAMED[asset as keyof typeof NAMED]] = await sign(asset, derivedFileOf(asset).contentType);
  if (analysis.mediaType === 'video') {
    const written = await deps.blobs.readJson<{ keyframes?: { timestampSeconds: number }[] }>(resultBlobOf(submissionId, file.fileId));
    const times = written?.keyframes ?? [];
    const keyframes = derived.filter((a) => a.startsWith('keyframe-'));
    assets.keyframes = await Promise.all(
      keyframes.map(async (asset, n) => ({ url: await sign(asset, 'image/jpeg'), time: times[n]?.timestampSeconds ?? 0 })),
    );
  }
  return assets;
}
