/** The containers we accept, as named in failure reasons. Keep in step with VIDEO_TYPES in contracts/media.ts. */
export type VideoContainer = 'MP4/MOV' | 'Matroska/WebM' | 'AVI' | 'MPEG-TS';

/**
 * ffmpeg's `-format_whitelist` for the same containers. Uploads are untrusted: without it a file that
 * probes as an HLS playlist or an ffconcat script would make ffmpeg open other files or URLs.
 */
export const ACCEPTED_DEMUXERS = 'mov,matroska,webm,avi,mpegts';

/** Top-level ISO BMFF / QuickTime boxes a file may open with. */
const BMFF_BOXES = new Set(['ftyp', 'moov', 'mdat', 'free', 'skip', 'wide', 'pnot']);
const TS_PACKET = 188;
const M2TS_PACKET = 192;

/**
 * Which accepted container the first bytes of a file belong to, or null. Used only after ffprobe has
 * failed, to tell a damaged video (a truncated MP4 whose `moov` box never came: "corrupt") from
 * something that is not a video at all (a text file named .mp4: "unsupported-format") — ffprobe picks
 * its demuxer by extension and gives both the same error.
 */
export function sniffContainer(head: Buffer): VideoContainer | null {
  if (head.length >= 8 && BMFF_BOXES.has(head.toString('latin1', 4, 8))) return 'MP4/MOV';
  if (head.length >= 4 && head.readUInt32BE(0) === 0x1a45dfa3) return 'Matroska/WebM';
  if (head.length >= 12 && head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'AVI ') return 'AVI';
  if (head.length > TS_PACKET && head[0] === 0x47 && head[TS_PACKET] === 0x47) return 'MPEG-TS';
  if (head.length > 4 + M2TS_PACKET && head[4] === 0x47 && head[4 + M2TS_PACKET] === 0x47) return 'MPEG-TS';
  return null;
}
