import type { AnalysisResult } from '../../contracts/analysis-result.js';
import type { WorkerAnalysis } from '../../contracts/file-analysis.js';
import type { SummaryOptions } from '../classification/summarize-image.js';
import { summarizePhoto } from './summarize-photo.js';
import { summarizeVideo } from './summarize-video.js';

/**
 * The file's analysis as the client receives it, carried by AnalysisCompleted into the webhook (contracts/
 * file-analysis.ts); the full result stays in analysis.json. Built only from the result's content, so a redelivered
 * job raises the same event.
 */
export function summarizeResult(result: AnalysisResult, options: SummaryOptions = {}): WorkerAnalysis {
  // Already merged over keyframes and sorted by the worker; named as the IPTC vocabulary names them.
  const topics = result.topics.map(({ code, label, confidence }) => ({ code, name: label, confidence }));
  return result.mediaType === 'photo' ? summarizePhoto(result, topics, options) : summarizeVideo(result, topics, options);
}
