import type { VIDEO_TYPES } from '../../contracts/media.js';
import { sniffMedia } from '../../lib/media/sniff-media.js';

/** The containers we accept, as named in failure reasons. */
export type VideoContainer = 'MP4/MOV' | 'Matroska/WebM' | 'AVI' | 'MPEG-TS';

/**
 * ffmpeg's `-format_whitelist` for the same containers. Uploads are untrusted: without it a file that
 * probes as an HLS playlist or an ffconcat script would make ffmpeg open other files or URLs.
 */
export const ACCEPTED_DEMUXERS = 'mov,matroska,webm,avi,mpegts';

/** Every accepted video type's container: the compiler keeps this in step with VIDEO_TYPES. */
const CONTAINERS: Record<(typeof VIDEO_TYPES)[number], VideoContainer> = {
  'video/mp4': 'MP4/MOV',
  'video/quicktime': 'MP4/MOV',
  'video/webm': 'Matroska/WebM',
  'video/x-matroska': 'Matroska/WebM',
  'video/x-msvideo': 'AVI',
  'video/mp2t': 'MPEG-TS',
};

/**
 * Which accepted container the first bytes of a file belong to (the sniffer table ingest accepted it by), or null.
 * Used only after ffprobe has failed, to tell a damaged video (a truncated MP4 whose `moov` box never came:
 * "corrupt") from something that is not a video at all (a text file named .mp4: "unsupported-format") — ffprobe
 * picks its demuxer by extension and gives both the same error.
 */
export function sniffContainer(head: Buffer): VideoContainer | null {
  const type = sniffMedia(head);
  return type !== undefined && type in CONTAINERS ? CONTAINERS[type as keyof typeof CONTAINERS] : null;
}
