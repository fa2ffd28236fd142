import { rm } from 'node:fs/promises';
import ffmpeg from 'fluent-ffmpeg';

export interface TestClipOptions {
  /** The ffmpeg that encodes it, e.g. `resolveFfmpegTools({}).ffmpegPath`. */
  ffmpegPath: string;
  durationSeconds: number;
  width: number;
  height: number;
  /** Default 24. */
  frameRate?: number;
  /** Frames from one keyframe to the next, default 48 (2 s at 24 fps, a common camera and streaming setting). */
  gopFrames?: number;
  /** Hard cuts between different test patterns, evenly spaced; default 1 (no cut). */
  scenes?: number;
  /** Add a stereo AAC tone, as cameras record sound. Default true. */
  audio?: boolean;
}

/** Test patterns that look nothing alike, so each change is a hard cut; testsrc2 moves, as footage does. */
const PATTERNS = ['testsrc2', 'smptehdbars', 'testsrc', 'rgbtestsrc', 'yuvtestsrc'];

/**
 * Writes a synthetic H.264 MP4 (libx264 ultrafast, yuv420p, fixed keyframe interval) for tests and
 * the benchmark. Built with fluent-ffmpeg: one command writing one file, which is what it is for.
 */
export function makeTestClip(outputPath: string, options: TestClipOptions): Promise<void> {
  const rate = options.frameRate ?? 24;
  const scenes = Math.max(1, options.scenes ?? 1);
  const sceneSeconds = options.durationSeconds / scenes;
  const command = ffmpeg().setFfmpegPath(options.ffmpegPath);
  for (let i = 0; i < scenes; i++) {
    const pattern = PATTERNS[i % PATTERNS.length] ?? 'testsrc2';
    command.input(`${pattern}=size=${options.width}x${options.height}:rate=${rate}:duration=${sceneSeconds}`).inputFormat('lavfi');
  }
  const audio = options.audio ?? true;
  if (audio) command.input(`sine=frequency=440:sample_rate=48000:duration=${options.durationSeconds}`).inputFormat('lavfi');

  const labels = Array.from({ length: scenes }, (_, i) => `[${i}:v]`).join('');
  command.complexFilter(`${labels}concat=n=${scenes}:v=1:a=0,format=yuv420p[v]`, ['v']);
  if (audio) command.outputOptions(['-map', `${scenes}:a`, '-ac', '2', '-c:a', 'aac', '-b:a', '128k']);
  command.outputOptions(['-c:v', 'libx264', '-preset', 'ultrafast', '-g', String(options.gopFrames ?? 48), '-movflags', '+faststart']);
  return new Promise((resolve, reject) => {
    command
      // Leave no half-written clip behind for the next run to mistake for a whole one.
      .on('error', (error: Error) =>
        rm(outputPath, { force: true }).then(
          () => reject(error),
          () => reject(error),
        ),
      )
      .on('end', () => resolve())
      .save(outputPath);
  });
}
