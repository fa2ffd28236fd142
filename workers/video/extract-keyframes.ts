import sharp from 'sharp';
import { VideoRejected, VideoToolFailed, formatSeconds } from './errors.js';
import type { FfmpegTools } from './ffmpeg-tools.js';
import { firstComplaint, lastOutTime } from './ffmpeg-log.js';
import { FrameRecordReader } from './frame-records.js';
import { JpegStream } from './jpeg-stream.js';
import { keyframeArgs } from './keyframe-args.js';
import { pickKeyframes } from './pick-keyframes.js';
import { runTool } from './run-tool.js';
import type { ToolResult } from './run-tool.js';
import type { KeyframeScan, VideoKeyframe } from './types.js';
import type { ProbedVideo } from './video-metadata.js';

/** Cuts closer together than this count as one scene change (see pickKeyframes). */
const MIN_SCENE_SECONDS = 0.5;
/** Only the progress tail is read; keep that much of it. */
const PROGRESS_TAIL_CHARS = 4096;

export interface ExtractKeyframesOptions {
  tools: FfmpegTools;
  hwaccel: 'cuda' | 'none';
  scan: KeyframeScan;
  sceneThreshold: number;
  coverageSeconds: number;
  maxKeyframes: number;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

type Candidate = Omit<VideoKeyframe, 'width' | 'height'>;

/**
 * The opening frame and the scene changes of the video, at most `maxKeyframes`, from one ffmpeg run
 * whose JPEGs are read from a pipe (no temporary files). Candidates are paired with their times as
 * they arrive and thinned to a few times the bound, so memory stays bounded on a long video with
 * many cuts. Throws `VideoRejected` when nothing decodes, when the decoder is missing, or when the
 * file ends well before the duration its container claims.
 */
export async function extractKeyframes(filePath: string, probed: ProbedVideo, options: ExtractKeyframesOptions): Promise<VideoKeyframe[]> {
  const { durationSeconds } = probed.metadata;
  const pick = { durationSeconds, minGapSeconds: MIN_SCENE_SECONDS };
  const images = new JpegStream();
  const records = new FrameRecordReader();
  const jpegs: Buffer[] = [];
  let candidates: Candidate[] = [];
  let frames = 0;
  let progress = '';

  const pair = () => {
    for (;;) {
      const record = records.records[0];
      const jpeg = jpegs[0];
      if (!record || !jpeg) return;
      records.records.shift();
      jpegs.shift();
      frames += 1;
      // Timestamps of damaged files can run backwards or past the end: clamp, and keep time moving forward.
      const timestampSeconds = Math.min(Math.max(record.ptsTime, 0), durationSeconds);
      const previous = candidates.at(-1)?.timestampSeconds ?? -1;
      if (!(timestampSeconds > previous)) continue;
      candidates.push({ timestampSeconds, jpeg, sceneScore: frames === 1 ? null : record.sceneScore });
      if (candidates.length > 4 * options.maxKeyframes) candidates = pickKeyframes(candidates, { ...pick, max: 2 * options.maxKeyframes });
    }
  };

  const result = await runTool(
    options.tools.ffmpegPath,
    keyframeArgs({ filePath, videoStreamIndex: probed.videoStreamIndex, ...options }),
    {
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      onStdout: (chunk) => {
        jpegs.push(...images.push(chunk));
        pair();
      },
      extraPipes: [
        (chunk) => {
          records.push(chunk);
          pair();
        },
        (chunk) => {
          progress = (progress + chunk.toString('latin1')).slice(-PROGRESS_TAIL_CHARS);
        },
      ],
    },
  );
  records.end();
  pair();

  const codec = probed.metadata.video.codec;
  const complaint = firstComplaint(result.stderr);
  if (result.exitCode !== 0) throw ffmpegFailure(result, complaint, codec, options.hwaccel);
  if (jpegs.length > 0 || records.records.length > 0 || images.pendingBytes > 0) {
    throw new VideoToolFailed(
      `ffmpeg output out of step: ${jpegs.length} images and ${records.records.length} frame times left over`,
      false,
    );
  }
  if (candidates.length === 0) {
    const what = frames === 0 ? 'could be decoded' : 'has a usable timestamp';
    throw new VideoRejected('corrupt', `no frame of the ${codec} video ${what}${complaint ? `: ${complaint}` : ''}`);
  }
  checkComplete(lastOutTime(progress), probed, complaint);

  const picked = pickKeyframes(candidates, { ...pick, max: options.maxKeyframes });
  return Promise.all(
    picked.map(async (candidate) => {
      const { width = 0, height = 0 } = await sharp(candidate.jpeg).metadata();
      return { ...candidate, width, height };
    }),
  );
}

/**
 * A truncated MP4 or MKV whose index survived still claims its full duration, and ffmpeg exits 0 on
 * it. The packets copied to the null output show how far the file really goes; a shortfall with
 * demuxer complaints ("partial file", "Read error") is damage. Without complaints it is allowed: a
 * video track may legitimately end before the audio that sets the container's duration.
 */
function checkComplete(coveredSeconds: number, probed: ProbedVideo, complaint: string): void {
  const { durationSeconds } = probed.metadata;
  const slack = Math.max(1, 0.05 * durationSeconds);
  if (complaint === '' || coveredSeconds + slack >= durationSeconds) return;
  throw new VideoRejected(
    'corrupt',
    `the file is truncated or damaged: only ${formatSeconds(coveredSeconds)} of the ${formatSeconds(durationSeconds)} its container claims could be read (${complaint})`,
  );
}

function ffmpegFailure(result: ToolResult, complaint: string, codec: string, hwaccel: 'cuda' | 'none'): Error {
  // No GPU, or an ffmpeg without CUDA: a setup problem of this worker, not of the file.
  if (hwaccel === 'cuda' && /device creation failed|device setup failed|no device available|unrecognized hwaccel|cuda/i.test(complaint)) {
    return new VideoToolFailed(`CUDA decoding is not available (${complaint}): check detectGpu() before asking for hwaccel 'cuda'`, false);
  }
  if (/decoder .*not found|unknown decoder|no decoder/i.test(result.stderr)) {
    return new VideoRejected('unsupported-format', `this ffmpeg build cannot decode ${codec} video: ${complaint}`);
  }
  // Not one frame decoded (ffmpeg then cannot even set up its filters, and exits 1).
  if (/invalid data found|error while decoding|partial file|invalid nal|corrupt|damaged/i.test(result.stderr)) {
    return new VideoRejected('corrupt', `the ${codec} video is damaged: ${complaint}`);
  }
  return new VideoToolFailed(`ffmpeg exited with code ${result.exitCode}${complaint ? `: ${complaint}` : ''}`, false);
}
