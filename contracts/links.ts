import { z } from 'zod';
import type { FileAnalysis } from './file-analysis.js';

/**
 * The absolute URLs a summary gives for a file's assets: `GET {publicUrl}/api/submissions/{id}/files/{fileId}/{asset}`
 * (the client's API key opens them). A link is there only when its asset exists: a photo has thumbnails, a video a
 * poster, a contact sheet and keyframes (`keyframe-0` first, in time order), and only a worker writes analysis.json.
 */
export const FILE_ASSETS = ['original', 'analysis', 'thumbnail-320', 'thumbnail-1280', 'poster', 'contact-sheet'] as const;
export type FileAsset = (typeof FILE_ASSETS)[number] | `keyframe-${number}`;

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

/** `originalKept`: false once a cancellation removed the original. */
export function fileLinksOf(
  publicUrl: string,
  submissionId: string,
  fileId: string,
  { analysis, originalKept }: { analysis: FileAnalysis | null; originalKept: boolean },
): FileLinks {
  const url = (asset: FileAsset) => assetUrl(publicUrl, submissionId, fileId, asset);
  const links: FileLinks = originalKept ? { original: url('original') } : {};
  if (analysis?.source !== 'worker') return links;
  if (analysis.mediaType === 'photo') {
    return { ...links, analysis: url('analysis'), thumbnail320: url('thumbnail-320'), thumbnail1280: url('thumbnail-1280') };
  }
  return {
    ...links,
    analysis: url('analysis'),
    poster: url('poster'),
    contactSheet: url('contact-sheet'),
    keyframes: Array.from({ length: analysis.keyframeCount }, (_, n) => url(`keyframe-${n}`)),
  };
}
