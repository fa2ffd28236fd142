import { z } from 'zod';
import { fileAnalysis } from './file-analysis.js';

/**
 * What a worker (or a person, after an escalation) reports for one file in `AnalysisCompleted`.
 * The full result lives in Blob Storage; the event carries its location and the file's analysis
 * as the client receives it (`summary.source` says who made it).
 */
export const analysisCompleted = z.object({
  fileId: z.string().min(1),
  /** `results/{submissionId}/{fileId}/analysis.json`, or absent for a manual analysis given inline. */
  resultBlob: z.string().optional(),
  summary: fileAnalysis,
  /**
   * A video's keyframes' perceptual hashes, in time order: the duplicate index compares them beside the poster's
   * (`summary.perceptualHash`). Internal: the client's analysis does not list them.
   */
  keyframeHashes: z
    .array(z.string().regex(/^[0-9a-f]{16}$/))
    .max(1000)
    .optional(),
});
export type AnalysisCompleted = z.infer<typeof analysisCompleted>;

export const analysisFailed = z.object({
  fileId: z.string().min(1),
  reason: z.string().min(1).max(2000),
});
export type AnalysisFailed = z.infer<typeof analysisFailed>;

export type FileState = 'queued' | 'completed' | 'failed' | 'timed-out';

/** One file's outcome in the submission summary. */
export interface FileOutcome {
  fileId: string;
  state: Exclude<FileState, 'queued'>;
  escalated: boolean;
  reason?: string;
  result?: AnalysisCompleted;
}

export const ANALYSIS_ESCALATED = 'Newsdesk.Analysis.Escalated';
export const DELIVERY_ESCALATED = 'Newsdesk.Delivery.Escalated';
