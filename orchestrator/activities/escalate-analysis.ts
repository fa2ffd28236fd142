import type { EventPublisher } from '../../adapters/event-publisher/event-publisher.js';
import { ANALYSIS_ESCALATED } from '../../contracts/analysis.js';
import { escalatedEventId } from '../../contracts/ids.js';
import { EVENT_SOURCE } from '../../contracts/submission.js';
import type { EscalateAnalysisInput } from './catalog.js';
import { notifyOps } from './notify-ops.js';
import { registerActivity } from './register-activity.js';

/**
 * Analysis did not come back in time: Newsdesk.Analysis.Escalated goes to Event Grid (review queue,
 * dashboards) and the ops webhook is told. The event id is derived, so a retry is the same event.
 */
export function createEscalateAnalysis(deps: { events: EventPublisher; opsWebhookUrl?: string }) {
  return async (input: EscalateAnalysisInput): Promise<void> => {
    const event = {
      id: escalatedEventId(input.submissionId, input.fileId),
      type: ANALYSIS_ESCALATED,
      source: EVENT_SOURCE,
      subject: `/submissions/${input.submissionId}/files/${input.fileId}`,
      time: new Date(),
      data: {
        submissionId: input.submissionId,
        fileId: input.fileId,
        deadline: input.deadline,
        graceUntil: input.graceUntil,
        reason: 'analysis-timeout',
        resolveAt: `/api/staff/submissions/${input.submissionId}/files/${input.fileId}/resolve`,
      },
    };
    await deps.events.publish([event]);
    await notifyOps(deps.opsWebhookUrl, event);
  };
}

export function registerEscalateAnalysis(deps: { events: EventPublisher; opsWebhookUrl?: string }): void {
  registerActivity('escalateAnalysis', createEscalateAnalysis(deps));
}
