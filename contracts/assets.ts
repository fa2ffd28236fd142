import { incomingBlobOf, resultBlobOf, resultPrefix } from './ids.js';

/**
 * A file's assets and the blobs they are stored as: the one mapping the worker writes by, the webhook's links point
 * at (links.ts) and the results API serves from. A change here orphans the derived files already stored.
 */
export const FILE_ASSETS = ['original', 'analysis', 'thumbnail-320', 'thumbnail-1280', 'poster', 'contact-sheet'] as const;
export type KeyframeAsset = `keyframe-${number}`;
export type FileAsset = (typeof FILE_ASSETS)[number] | KeyframeAsset;
/** What a worker writes under `results/{submissionId}/{fileId}/`. */
export type DerivedAsset = Exclude<FileAsset, 'original'>;
/** What a worker draws from the file: every derived asset but analysis.json. */
export type ImageAsset = Exclude<DerivedAsset, 'analysis'>;

export const THUMBNAIL_SLOTS = [320, 1280] as const;
export type ThumbnailSlot = (typeof THUMBNAIL_SLOTS)[number];

export const thumbnailAsset = (slot: ThumbnailSlot): ImageAsset => `thumbnail-${slot}`;
export const keyframeAsset = (n: number): KeyframeAsset => `keyframe-${n}`;

// Keyframe numbers as decimals without leading zeros, so one asset has one name.
const KEYFRAME = /^keyframe-(0|[1-9]\d{0,5})$/;

/** The asset a URL segment names, or undefined when it names none. */
export function parseAsset(name: string): FileAsset | undefined {
  if ((FILE_ASSETS as readonly string[]).includes(name)) return name as FileAsset;
  return KEYFRAME.test(name) ? (name as KeyframeAsset) : undefined;
}

/** A derived asset's blob name under the file's result prefix and its content type (the encoder's). */
export function derivedFileOf(asset: DerivedAsset): { name: string; contentType: string } {
  const keyframe = KEYFRAME.exec(asset);
  if (keyframe) return { name: `keyframe-${keyframe[1]!.padStart(3, '0')}.jpg`, contentType: 'image/jpeg' };
  switch (asset) {
    case 'analysis':
      return { name: 'analysis.json', contentType: 'application/json' };
    case 'thumbnail-320':
      return { name: 'thumb-320.webp', contentType: 'image/webp' };
    case 'thumbnail-1280':
      return { name: 'thumb-1280.webp', contentType: 'image/webp' };
    case 'poster':
      return { name: 'poster.webp', contentType: 'image/webp' };
    case 'contact-sheet':
      return { name: 'contact-sheet.webp', contentType: 'image/webp' };
  }
  throw new RangeError(`'${asset}' is not an asset.`);
}

/** Where an asset is stored (`container/name`). */
export function assetBlobOf(submissionId: string, fileId: string, asset: FileAsset): string {
  if (asset === 'original') return incomingBlobOf(submissionId, fileId);
  if (asset === 'analysis') return resultBlobOf(submissionId, fileId);
  return `${resultPrefix(submissionId, fileId)}${derivedFileOf(asset).name}`;
}

/** The derived assets a worker's analysis of each kind of media has: thumbnails of a photo; poster, contact sheet and keyframes of a video. */
export function derivedAssetsOf(media: { mediaType: 'photo' } | { mediaType: 'video'; keyframeCount: number }): DerivedAsset[] {
  if (media.mediaType === 'photo') return ['analysis', ...THUMBNAIL_SLOTS.map(thumbnailAsset)];
  return ['analysis', 'poster', 'contact-sheet', ...Array.from({ length: media.keyframeCount }, (_, n) => keyframeAsset(n))];
}
