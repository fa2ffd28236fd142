import { app, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import type { DurableClient } from 'durable-functions';
import type { Span } from '@opentelemetry/api';
import { OUTCOME, SUBMISSION_ID } from '../adapters/telemetry/attributes.js';
import { inSpan } from '../adapters/telemetry/in-span.js';
import { submissionInstanceId } from '../contracts/ids.js';
import { ORCHESTRATION, type PipelineSettings, type SubmissionInput } from '../contracts/orchestrations.js';
import { submissionReceived, type SubmissionReceived } from '../contracts/submission.js';

/**
 * Event Grid → `submission` orchestration with instanceId = submissionId (`submissionInstanceId`), so a duplicate event
 * (Event Grid delivers at least once; the outbox may publish twice) never starts a second one.
 */
export async function startSubmission(settings: PipelineSettings, event: { data?: unknown }, context: InvocationContext): Promise<void> {
  const parsed = submissionReceived.safeParse(event.data);
  if (!parsed.success) {
    // A malformed event can never succeed: log it rather than have Event Grid retry it for a day.
    context.error('Submission.Received with an invalid payload', parsed.error.message);
    return;
  }
  const id = parsed.data.submissionId;
  // The submission's trace continues here, from the traceparent ingest stored with the event.
  await inSpan('orchestration.start', { parent: parsed.data.traceparent, attributes: { [SUBMISSION_ID]: id } }, (span) =>
    start(settings, parsed.data, context, span),
  );
}

async function start(settings: PipelineSettings, submission: SubmissionReceived, context: InvocationContext, span: Span): Promise<void> {
  const started = await startSubmissionInstance(df.getClient(context), settings, submission);
  if (!started) span.setAttribute(OUTCOME, 'duplicate');
}

/**
 * Starts the submission's orchestration unless it exists; false when it did (or a concurrent start won). The Event
 * Grid starter and the reconciler (a lost event) both start it here.
 */
export async function startSubmissionInstance(
  client: Pick<DurableClient, 'getStatus' | 'startNew'>,
  settings: PipelineSettings,
  submission: SubmissionReceived,
): Promise<boolean> {
  const id = submissionInstanceId(submission.submissionId);
  const existing = await client.getStatus(id).catch(() => undefined);
  if (existing?.runtimeStatus) return false;
  try {
    const input: SubmissionInput = { submission, settings };
    await client.startNew(ORCHESTRATION.submission, { instanceId: id, input });
    return true;
  } catch (error) {
    // Two starts raced: the other one started it.
    if ((await client.getStatus(id).catch(() => undefined))?.runtimeStatus) return false;
    throw error;
  }
}

export function registerStartSubmission(settings: PipelineSettings): void {
  app.eventGrid('startSubmission', {
    extraInputs: [df.input.durableClient()],
    handler: (event, context) => startSubmission(settings, event, context),
  });
}
