import { ACCEPTED_DEMUXERS } from './sniff-container.js';
import type { KeyframeScan } from './types.js';

/** Keyframe images: the longest side at most this many pixels, never enlarged. */
export const MAX_KEYFRAME_SIDE = 1280;

/** Where the keyframe command writes: images on stdout, these two on extra pipes (see runTool). */
export const METADATA_FD = 3;
export const PROGRESS_FD = 4;
/** Frames per second of the JPEG output; see keyframeArgs. */
const OUTPUT_RATE = 1000;

export interface KeyframeCommand {
  filePath: string;
  /** Absolute stream index from ffprobe. */
  videoStreamIndex: number;
  scan: KeyframeScan;
  hwaccel: 'cuda' | 'none';
  sceneThreshold: number;
  /** A frame at least this often (seconds) even without a cut, so a long single shot is not one frame; 0: cuts only. */
  coverageSeconds: number;
}

/**
 * One ffmpeg run that finds scene changes and writes them as JPEGs. Output 1 (stdout): the opening
 * frame and every frame whose scene score exceeds the threshold, as a stream of JPEGs; output 2:
 * the video packets copied to the null muxer, so that `-progress` ends at the last packet the file
 * really holds (a truncated file whose index survived claims its full duration; DESIGN.md).
 */
export function keyframeArgs(command: KeyframeCommand): string[] {
  const { filePath, videoStreamIndex, scan, hwaccel, sceneThreshold, coverageSeconds } = command;
  const map = ['-map', `0:${videoStreamIndex}`];
  return [
    ...['-hide_banner', '-nostdin', '-v', 'error', '-nostats', '-progress', `pipe:${PROGRESS_FD}`],
    // Decode on the GPU; without -hwaccel_output_format the frames come back to system memory, so the
    // filters below, and so the results, are the same as on the CPU.
    ...(hwaccel === 'cuda' ? ['-hwaccel', 'cuda'] : []),
    // AVI carries no presentation timestamps; with skipped frames the decoder would stamp each
    // keyframe with the time of a later packet. genpts derives them from the index instead.
    ...['-fflags', '+genpts'],
    ...(scan === 'keyframes-only' ? ['-skip_frame', 'nokey'] : []),
    ...['-protocol_whitelist', 'file', '-format_whitelist', ACCEPTED_DEMUXERS, '-i', `file:${filePath}`],
    ...map,
    ...['-filter:v', keyframeFilter(sceneThreshold, scan, coverageSeconds)],
    // Kept frames leave the filter 1 ms apart (setpts), and at a constant 1000 fps nothing is then
    // duplicated or dropped, with no -vsync (gone in ffmpeg 9) or -fps_mode (new in 5.1). 1 ms, not
    // 1 s: -progress reports the furthest output, and this one must stay behind the packet copy.
    ...['-r', String(OUTPUT_RATE), '-c:v', 'mjpeg', '-q:v', '3', '-f', 'image2pipe', 'pipe:1'],
    ...map,
    ...['-c', 'copy', '-f', 'null', '-'],
  ];
}

/**
 * Keep frame 0, the scene changes and (with coverageSeconds) a frame every so often within a long shot, print each kept frame's time and score to the metadata pipe,
 * then shrink only the kept frames (scaling every frame first cost more than it saved on the scene
 * score, measured on the 720p and 1080p fixtures). ffmpeg has already rotated the frames (autorotate
 * is on by default). The sample aspect ratio is not applied: anamorphic SD comes out squeezed.
 *
 * ffmpeg's scene score is not the difference between two frames but the change in that difference
 * (|mafd − previous mafd|), which suits consecutive frames. Between sparse keyframes two cuts in a row
 * cancel out (Tears of Steel's 7.71 s cut scored under 0.3). So in keyframes-only scans every frame
 * goes through twice: the copy scores 0 and is never kept, and the next keyframe's score becomes its
 * plain difference from the previous keyframe (mafd / 100).
 */
export function keyframeFilter(sceneThreshold: number, scan: KeyframeScan, coverageSeconds = 0): string {
  const side = MAX_KEYFRAME_SIDE;
  const landscape = 'gte(iw,ih)';
  const filters = [
    // prev_selected_t is the last kept frame's time (NAN before the first): a shot longer than coverageSeconds gets another frame.
    `select='eq(n,0)+gt(scene,${sceneThreshold})${coverageSeconds > 0 ? `+gte(t-prev_selected_t,${coverageSeconds})` : ''}'`,
    `metadata=mode=print:key=lavfi.scene_score:file='pipe\\:${METADATA_FD}'`,
    `scale=w='if(${landscape},min(${side},iw),-2)':h='if(${landscape},-2,min(${side},ih))'`,
    // In a 1/1000 time base, as N/1000/TB rounds to repeats in AVI's 1/24 and the repeats are dropped.
    `settb=1/${OUTPUT_RATE}`,
    'setpts=N',
  ].join(',');
  return scan === 'keyframes-only' ? `split[frame][copy];[frame][copy]interleave,${filters}` : filters;
}
