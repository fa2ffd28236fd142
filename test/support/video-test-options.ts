import { resolveFfmpegTools } from '../../workers/video/ffmpeg-tools.js';
import type { AnalyzeVideoOptions } from '../../workers/video/types.js';

/** The worker's defaults, with a 10-minute duration cap and 40 MP frames, for the video tests. */
export const videoTestOptions: AnalyzeVideoOptions = {
  tools: resolveFfmpegTools({}),
  hwaccel: 'none',
  maxKeyframes: 12,
  sceneThreshold: 0.3,
  maxDurationSeconds: 600,
  maxPixels: 40_000_000,
};
