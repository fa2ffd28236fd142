import type { FileOutcome } from './analysis.js';

/** The JSON body delivered to the client's webhook (signed; see orchestrator/webhooks/sign.ts). */
export interface SubmissionSummary {
  submissionId: string;
  clientId: string;
  reference: string | null;
  status: 'completed' | 'partial' | 'failed' | 'cancelled';
  receivedAt: string;
  completedAt: string;
  files: (FileOutcome & { name: string; contentType: string })[];
  links: { summary: string };
}
