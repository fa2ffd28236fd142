import { fileURLToPath } from 'node:url';
import { resolveFfmpegTools } from '../../workers/video/ffmpeg-tools.js';
import type { AnalyzeVideoOptions } from '../../workers/video/types.js';

/** A fixture's path on disk (ffmpeg reads files, not buffers). */
export const videoFixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

/** The worker's defaults, with a 10-minute duration cap and 40 MP frames, for the video tests. */
export const videoTestOptions: AnalyzeVideoOptions = {
  tools: resolveFfmpegTools({}),
  hwaccel: 'none',
  maxKeyframes: 12,
  sceneThreshold: 0.3,
  maxDurationSeconds: 600,
  maxPixels: 40_000_000,
};
