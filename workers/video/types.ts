import type { FfmpegTools } from './ffmpeg-tools.js';

export interface VideoStreamInfo {
  /** ffprobe's codec_name: 'h264', 'hevc', 'vp8', 'vp9', 'av1', … */
  codec: string;
  /** 'High', 'Main', '0', …; null when the codec has none. */
  profile: string | null;
  /** As stored in the stream. */
  width: number;
  height: number;
  /** As displayed, i.e. with a ±90° rotation applied (sample aspect ratio is not applied). */
  displayWidth: number;
  displayHeight: number;
  /**
   * Rotation the player applies, in degrees counter-clockwise, in (-180, 180]: the convention of the
   * display matrix and of ffprobe 5+'s `rotation`. A phone's portrait clip is typically -90 (= 90°
   * clockwise; the legacy `rotate` tag says 90 for it). 0 when the file has none.
   */
  rotation: number;
  /** Frames per second from avg_frame_rate (r_frame_rate when that is unset); null when neither is known. */
  frameRate: number | null;
  pixelFormat: string | null;
}

export interface AudioStreamInfo {
  codec: string;
  sampleRate: number | null;
  channels: number | null;
}

export interface VideoMetadata {
  /** ffprobe's format_name, e.g. 'mov,mp4,m4a,3gp,3g2,mj2', 'matroska,webm', 'avi'. */
  container: string;
  durationSeconds: number;
  sizeBytes: number;
  /** Bits per second over the whole file; null when the container does not say. */
  bitRate: number | null;
  video: VideoStreamInfo;
  /** The first audio stream, wherever it is in the file (in AVI it often comes first); null when silent. */
  audio: AudioStreamInfo | null;
}

export interface VideoKeyframe {
  /** Seconds from the start of the file, in [0, durationSeconds]; strictly increasing along the list. */
  timestampSeconds: number;
  /** Auto-rotated, longest side at most 1280 px (never enlarged). */
  jpeg: Buffer;
  width: number;
  height: number;
  /** ffmpeg's scene-change score (0–1) against the previously decoded frame; null for the opening frame. */
  sceneScore: number | null;
}

export interface VideoImage {
  webp: Buffer;
  width: number;
  height: number;
}

/**
 * How keyframes were looked for. 'all-frames': every frame was decoded and compared with the one
 * before, so hard cuts anywhere are seen. 'keyframes-only': only the stream's own keyframes were
 * decoded (`-skip_frame nokey`), which is what makes long clips fast; a cut between two keyframes is
 * then seen at the next keyframe, or not at all when the encoder put none near it.
 */
export type KeyframeScan = 'all-frames' | 'keyframes-only';

export interface VideoAnalysis extends VideoMetadata {
  keyframes: VideoKeyframe[];
  keyframeScan: KeyframeScan;
  /** A representative frame: the first keyframe at or after 10% of the duration, else the first. */
  poster: VideoImage & { timestampSeconds: number };
  /** The keyframes in time order on a grid, `columns` wide. */
  contactSheet: VideoImage & { columns: number; rows: number };
  /** Milliseconds per stage, informational. */
  timings: { probe: number; keyframes: number; images: number };
}

export interface AnalyzeVideoOptions {
  tools: FfmpegTools;
  /** 'cuda' decodes on an NVIDIA GPU (frames come back to system memory for the filters); see detectGpu. */
  hwaccel: 'cuda' | 'none';
  /** Upper bound on keyframes returned, e.g. 12. The opening frame is always one of them. */
  maxKeyframes: number;
  /** ffmpeg scene score above which a frame starts a new scene, e.g. 0.3 (catches hard cuts, misses dissolves). */
  sceneThreshold: number;
  /** Longer clips are refused before anything is decoded. */
  maxDurationSeconds: number;
  /** Within a shot longer than this (seconds), another keyframe anyway; default 10, 0 keeps scene changes only. */
  coverageSeconds?: number;
  /** Stored width × height above which a clip is refused before anything is decoded. */
  maxPixels: number;
  /**
   * Decode every frame when width × height × frame count is at most this; above it decode keyframes
   * only. Default 200 million: about 4 s of 1080p24, 9 s of 720p24 or 36 s of 640×360 at 24 fps.
   */
  allFramesMaxPixels?: number;
  /** Each ffmpeg/ffprobe run is killed after this long. Default 120 s. */
  commandTimeoutMs?: number;
  signal?: AbortSignal;
}
