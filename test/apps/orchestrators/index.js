// The real Newsdesk orchestrations (compiled) with fake activities: each fake records its calls,
// and answers as the test arranges through an HTTP function.
import * as df from 'durable-functions';
import { app } from '@azure/functions';
import { registerAnalyzeFile } from '../../../dist/orchestrator/orchestrations/analyze-file.js';
import { registerSubmissionOrchestrator } from '../../../dist/orchestrator/orchestrations/submission.js';
import { registerRedeliver } from '../../../dist/orchestrator/orchestrations/redeliver.js';

registerAnalyzeFile();
registerSubmissionOrchestrator();
registerRedeliver();

const calls = [];
/** Per delivery id: the outcomes the fake delivery answers, in order (then 'delivered'). */
const deliveryScript = new Map();
/** Per file id: the event the fake enqueue raises on the file's instance right away (or none). */
const autoAnswer = new Map();

const record = (name) => (input) => {
  calls.push({ name, input });
};
df.app.activity('markSubmission', { handler: record('markSubmission') });
df.app.activity('recordFileState', { handler: record('recordFileState') });
df.app.activity('writeSummary', {
  handler: (summary) => (record('writeSummary')(summary), `results/${summary.submissionId}/summary.json`),
});
df.app.activity('escalateAnalysis', { handler: record('escalateAnalysis') });
df.app.activity('deadLetterDelivery', { handler: record('deadLetterDelivery') });
df.app.activity('readSummary', { handler: (id) => ({ submissionId: id, clientId: 'c', status: 'completed', files: [] }) });
df.app.activity('enqueueAnalysis', {
  extraInputs: [df.input.durableClient()],
  handler: async (input, context) => {
    record('enqueueAnalysis')(input);
    const answer = autoAnswer.get(input.fileId);
    if (answer) await df.getClient(context).raiseEvent(input.instanceId, answer.event, answer.data);
    return `${input.submissionId}.${input.fileId}`;
  },
});
df.app.activity('deliverWebhook', {
  handler: (input) => {
    record('deliverWebhook')(input);
    const script = deliveryScript.get(input.deliveryId) ?? [];
    const outcome = script[input.attempt - 1] ?? 'delivered';
    return {
      deliveryId: input.deliveryId,
      attempt: input.attempt,
      at: new Date().toISOString(),
      outcome,
      latencyMs: 1,
      ...(outcome === 'retry' ? { status: 503, error: 'HTTP 503' } : { status: 200 }),
    };
  },
});

app.http('fakes', {
  route: 'fakes',
  methods: ['GET', 'POST'],
  authLevel: 'anonymous',
  handler: async (request) => {
    if (request.method === 'GET') return { jsonBody: calls };
    const body = await request.json();
    if (body.autoAnswer) autoAnswer.set(body.autoAnswer.fileId, body.autoAnswer);
    if (body.deliveryScript) deliveryScript.set(body.deliveryScript.deliveryId, body.deliveryScript.outcomes);
    return { status: 204 };
  },
});
