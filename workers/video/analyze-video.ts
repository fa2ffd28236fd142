import { formatPixels } from '../image/errors.js';
import { makeContactSheet } from './contact-sheet.js';
import { VideoRejected, formatSeconds } from './errors.js';
import { extractKeyframes } from './extract-keyframes.js';
import { makePoster } from './poster.js';
import { probeVideo } from './probe-video.js';
import type { AnalyzeVideoOptions, KeyframeScan, VideoAnalysis, VideoMetadata } from './types.js';
import type { ProbedVideo } from './video-metadata.js';

const DEFAULT_ALL_FRAMES_MAX_PIXELS = 200_000_000;
const DEFAULT_COMMAND_TIMEOUT_MS = 120_000;
/** A long single shot still gets a frame every 10 s (bounded by maxKeyframes like the rest). */
const DEFAULT_COVERAGE_SECONDS = 10;

/**
 * Metadata, keyframes at scene changes, a poster frame and a contact sheet of one video file, from
 * two processes: ffprobe once, ffmpeg once; the images are made from the keyframes in-process.
 * Throws `VideoRejected` (non-retryable) for empty, damaged, truncated, over-long or oversized files,
 * containers we do not accept and files without video; `VideoToolFailed` when ffmpeg itself fails.
 * No file is written.
 */
export async function analyzeVideo(filePath: string, options: AnalyzeVideoOptions): Promise<VideoAnalysis> {
  checkOptions(options);
  const timeoutMs = options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  const started = performance.now();
  const probed = await probeVideo(filePath, { tools: options.tools, timeoutMs, signal: options.signal });
  checkLimits(probed.metadata, options);
  const probeDone = performance.now();

  const scan = keyframeScan(probed, options.allFramesMaxPixels ?? DEFAULT_ALL_FRAMES_MAX_PIXELS);
  const keyframes = await extractKeyframes(filePath, probed, {
    ...options,
    coverageSeconds: options.coverageSeconds ?? DEFAULT_COVERAGE_SECONDS,
    scan,
    timeoutMs,
  });
  const keyframesDone = performance.now();

  options.signal?.throwIfAborted();
  const [poster, contactSheet] = await Promise.all([makePoster(keyframes, probed.metadata.durationSeconds), makeContactSheet(keyframes)]);
  const ms = (from: number, to: number) => Math.round(to - from);
  return {
    ...probed.metadata,
    keyframes,
    keyframeScan: scan,
    poster,
    contactSheet,
    timings: { probe: ms(started, probeDone), keyframes: ms(probeDone, keyframesDone), images: ms(keyframesDone, performance.now()) },
  };
}

/** A caller's mistake, not the file's: these end up in an ffmpeg filter expression. */
function checkOptions({ maxKeyframes, sceneThreshold }: AnalyzeVideoOptions): void {
  if (!Number.isInteger(maxKeyframes) || maxKeyframes < 1)
    throw new RangeError(`maxKeyframes must be a whole number ≥ 1, not ${maxKeyframes}`);
  if (!(sceneThreshold > 0 && sceneThreshold < 1)) throw new RangeError(`sceneThreshold must be between 0 and 1, not ${sceneThreshold}`);
}

/** Checked on ffprobe's answer, before any frame is decoded. */
function checkLimits(metadata: VideoMetadata, options: AnalyzeVideoOptions): void {
  const { width, height } = metadata.video;
  if (width * height > options.maxPixels) {
    throw new VideoRejected(
      'pixel-limit',
      `video is ${width}×${height} = ${formatPixels(width * height)} a frame, over the ${formatPixels(options.maxPixels).replace(/s$/, '')} limit`,
    );
  }
  if (metadata.durationSeconds > options.maxDurationSeconds) {
    throw new VideoRejected(
      'too-long',
      `video is ${formatSeconds(metadata.durationSeconds)} long, over the ${formatSeconds(options.maxDurationSeconds)} limit`,
    );
  }
}

/**
 * Decoding every frame sees cuts between keyframes but runs at only about 10× real time for 1080p on
 * 2 cores (some 500 million pixels a second, with the scene score); keyframes alone run at over 100×.
 * Short or small clips, which may have only one or two keyframes, get every frame: at the default
 * budget that is under a second of work (0.2–0.6 s for the fixtures). Everything bigger gets keyframes only.
 */
function keyframeScan(probed: ProbedVideo, allFramesMaxPixels: number): KeyframeScan {
  const { width, height } = probed.metadata.video;
  return probed.estimatedFrames * width * height <= allFramesMaxPixels ? 'all-frames' : 'keyframes-only';
}
