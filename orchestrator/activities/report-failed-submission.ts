import type { EventPublisher } from '../../adapters/event-publisher/event-publisher.js';
import { failedEventId } from '../../contracts/ids.js';
import { EVENT_SOURCE, SUBMISSION_FAILED } from '../../contracts/submission.js';
import type { ReportFailedSubmissionInput } from './catalog.js';
import { notifyOps } from './notify-ops.js';
import { registerActivity } from './register-activity.js';

/**
 * The reconciler found a submission whose orchestration died: Newsdesk.Submission.Failed goes to Event Grid and the
 * ops webhook, as an escalation does. The event id is derived, so a retry is the same event.
 */
export function createReportFailedSubmission(deps: { events: EventPublisher; opsWebhookUrl?: string }) {
  return async (input: ReportFailedSubmissionInput): Promise<void> => {
    const event = {
      id: failedEventId(input.submissionId),
      type: SUBMISSION_FAILED,
      source: EVENT_SOURCE,
      subject: `/submissions/${input.submissionId}`,
      time: new Date(),
      data: { submissionId: input.submissionId, reason: input.reason, orchestration: input.found, repairedBy: 'reconciler' },
    };
    await deps.events.publish([event]);
    await notifyOps(deps.opsWebhookUrl, event);
  };
}

export function registerReportFailedSubmission(deps: { events: EventPublisher; opsWebhookUrl?: string }): void {
  registerActivity('reportFailedSubmission', createReportFailedSubmission(deps));
}
