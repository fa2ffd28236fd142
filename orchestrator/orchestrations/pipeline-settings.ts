/** Timing settings the starter reads from configuration and hands to the orchestration as input (orchestrators never read the environment). */
export interface PipelineSettings {
  analysisTimeoutMs: { normal: number; urgent: number };
  graceMs: number;
  delivery: { firstRetryMs: number; maxRetryMs: number; windowMs: number };
}
