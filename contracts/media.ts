import { z } from 'zod';

/** Media types Newsdesk accepts, by the real type sniffed from magic bytes (never the declared one). */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/tiff', 'image/gif'] as const;
export const VIDEO_TYPES = ['video/mp4', 'video/quicktime', 'video/webm', 'video/x-matroska', 'video/mp2t', 'video/x-msvideo'] as const;
export const MEDIA_TYPES = [...PHOTO_TYPES, ...VIDEO_TYPES] as const;

export const mediaContentType = z.enum(MEDIA_TYPES);
export type MediaContentType = z.infer<typeof mediaContentType>;
/** What kind of analysis a file gets: a photo's or a video's. */
export const mediaKind = z.enum(['photo', 'video']);
export type MediaKind = z.infer<typeof mediaKind>;

export function mediaKindOf(contentType: MediaContentType): MediaKind {
  return (PHOTO_TYPES as readonly string[]).includes(contentType) ? 'photo' : 'video';
}
