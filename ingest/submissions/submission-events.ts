import { app } from '@azure/functions';
import * as df from 'durable-functions';
import type { IngestDeps } from '../deps.js';
import { authenticate } from '../auth/authenticate.js';
import { handle } from '../http/handle.js';
import { loadOwnSubmission } from './load-submission.js';
import { orchestrationStatus } from './orchestration-status.js';
import { submissionView } from './submission-view.js';

const FINAL = new Set(['completed', 'partial', 'failed', 'cancelled']);
const POLL_MS = 500;
const MAX_MS = 10 * 60 * 1000;

/**
 * `GET /api/submissions/{id}/events`: Server-Sent Events, one `status` event whenever the view
 * changes, ending after the final state (clients reconnect with the same URL after a drop).
 */
export function createSubmissionEvents(deps: IngestDeps) {
  return handle(async (request, context) => {
    const client = await authenticate(request, deps);
    const first = await loadOwnSubmission(deps, client.clientId, request.params.id ?? '');
    const origin = new URL(request.url).origin;
    const encoder = new TextEncoder();
    let timer: NodeJS.Timeout | undefined;
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        let last = '';
        let id = 0;
        const started = Date.now();
        const tick = async (): Promise<void> => {
          try {
            const record = (await deps.store.getSubmission(first.submissionId)) ?? first;
            const view = submissionView(
              record,
              await orchestrationStatus(context, first.submissionId),
              origin,
              await deps.store.fileStates(first.submissionId),
            );
            const text = JSON.stringify(view);
            if (text !== last) {
              last = text;
              controller.enqueue(encoder.encode(`id: ${++id}\nevent: status\ndata: ${text}\n\n`));
            } else controller.enqueue(encoder.encode(': keep-alive\n\n'));
            if (FINAL.has(record.status) || Date.now() - started > MAX_MS) return controller.close();
            timer = setTimeout(() => void tick(), POLL_MS);
          } catch (error) {
            controller.error(error);
          }
        };
        await tick();
      },
      cancel() {
        clearTimeout(timer);
      },
    });
    return { status: 200, headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' }, body };
  });
}

export function registerSubmissionEvents(deps: IngestDeps): void {
  app.http('submissionEvents', {
    route: 'submissions/{id}/events',
    methods: ['GET'],
    authLevel: 'anonymous',
    extraInputs: [df.input.durableClient()],
    handler: createSubmissionEvents(deps),
  });
}
