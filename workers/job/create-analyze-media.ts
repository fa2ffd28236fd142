import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Classifier } from '../../adapters/classifier/classifier.js';
import { inSpan } from '../../adapters/telemetry/in-span.js';
import { resultPrefix } from '../../contracts/ids.js';
import type { ImageAnalysisFeature } from '../../contracts/classification.js';
import type { AnalysisJob } from '../../contracts/job.js';
import type { FfmpegTools } from '../video/ffmpeg-tools.js';
import type { MergeOptions } from '../classification/merge-frames.js';
import { analyzePhotoFile } from './analyze-photo-file.js';
import { analyzeVideoFile } from './analyze-video-file.js';
import { downloadToBuffer, downloadToFile } from './download-original.js';
import type { MediaOutcome } from './media-outcome.js';

export interface MediaSettings {
  photo: { maxPixels: number; maxBytes: number };
  video: { maxDurationSeconds: number; maxKeyframes: number; sceneThreshold: number; maxPixels: number };
  tools: FfmpegTools;
  hwaccel: 'cuda' | 'none';
  classifier: Classifier | undefined;
  features: readonly ImageAnalysisFeature[];
  /** A video's labels keep what the summary would keep of each keyframe. */
  thresholds?: MergeOptions;
  tempDir?: string;
  fetch?: typeof fetch;
}

/**
 * The worker's media stage: the original comes through the job's SAS URL — photos into memory,
 * videos onto local disk in a folder of their own that is removed whatever happens.
 */
export function createAnalyzeMedia(settings: MediaSettings) {
  return async (job: AnalysisJob, signal?: AbortSignal): Promise<MediaOutcome> => {
    const prefix = resultPrefix(job.submissionId, job.fileId);
    const started = performance.now();
    if (job.mediaType === 'photo') {
      const bytes = await inSpan('download', {}, () =>
        downloadToBuffer(job.blobUrl, settings.photo.maxBytes, { signal, fetch: settings.fetch }),
      );
      const downloadMs = performance.now() - started;
      const outcome = await inSpan('analyze.photo', {}, () => analyzePhotoFile(bytes, { ...settings.photo, ...settings, prefix, signal }));
      return { ...outcome, timings: { downloadMs, ...outcome.timings } };
    }
    const dir = await mkdtemp(join(settings.tempDir ?? tmpdir(), 'newsdesk-video-'));
    try {
      const path = await inSpan('download', {}, () => downloadToFile(job.blobUrl, dir, { signal, fetch: settings.fetch }));
      const downloadMs = performance.now() - started;
      const outcome = await inSpan('analyze.video', {}, () => analyzeVideoFile(path, { ...settings.video, ...settings, prefix, signal }));
      return { ...outcome, timings: { downloadMs, ...outcome.timings } };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
}
