import { z } from 'zod';
import { derivedAssetsOf, type FileAsset, type KeyframeAsset } from './assets.js';
import type { FileAnalysis } from './file-analysis.js';

/**
 * The absolute URLs a summary gives for a file's assets: `GET {publicUrl}/api/submissions/{id}/files/{fileId}/{asset}`
 * (the client's API key opens them). A link is there only when its asset exists: a photo has thumbnails, a video a
 * poster, a contact sheet and keyframes (`keyframe-0` first, in time order), and only a worker writes analysis.json.
 */
export const fileLinks = z.object({
  original: z.url().optional(),
  analysis: z.url().optional(),
  thumbnail320: z.url().optional(),
  thumbnail1280: z.url().optional(),
  poster: z.url().optional(),
  contactSheet: z.url().optional(),
  keyframes: z.array(z.url()).optional(),
});
export type FileLinks = z.infer<typeof fileLinks>;

export const submissionLinks = z.object({ submission: z.url() });
export type SubmissionLinks = z.infer<typeof submissionLinks>;

const base = (publicUrl: string, submissionId: string) =>
  `${publicUrl.replace(/\/+$/, '')}/api/submissions/${encodeURIComponent(submissionId)}`;

export function submissionLinksOf(publicUrl: string, submissionId: string): SubmissionLinks {
  return { submission: base(publicUrl, submissionId) };
}

export function assetUrl(publicUrl: string, submissionId: string, fileId: string, asset: FileAsset): string {
  return `${base(publicUrl, submissionId)}/files/${encodeURIComponent(fileId)}/${asset}`;
}

/** The link that names each asset but keyframes, which are listed in `keyframes`. */
const LINK_OF = {
  original: 'original',
  analysis: 'analysis',
  'thumbnail-320': 'thumbnail320',
  'thumbnail-1280': 'thumbnail1280',
  poster: 'poster',
  'contact-sheet': 'contactSheet',
} as const satisfies Record<Exclude<FileAsset, KeyframeAsset>, Exclude<keyof FileLinks, 'keyframes'>>;

/** `originalKept`: false once a cancellation removed the original. */
export function fileLinksOf(
  publicUrl: string,
  submissionId: string,
  fileId: string,
  { analysis, originalKept }: { analysis: FileAnalysis | null; originalKept: boolean },
): FileLinks {
  const links: FileLinks = {};
  const keyframes: string[] = [];
  const assets: FileAsset[] = originalKept ? ['original'] : [];
  if (analysis?.source === 'worker') assets.push(...derivedAssetsOf(analysis));
  for (const asset of assets) {
    const url = assetUrl(publicUrl, submissionId, fileId, asset);
    if (asset in LINK_OF) links[LINK_OF[asset as keyof typeof LINK_OF]] = url;
    else keyframes.push(url);
  }
  // A video lists its keyframes even when it has none, so the field says what kind of file it is.
  if (analysis?.source === 'worker' && analysis.mediaType === 'video') links.keyframes = keyframes;
  return links;
}
