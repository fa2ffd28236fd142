import { setTimeout as sleep } from 'node:timers/promises';
import type { Api } from '../http/api.js';
import { FINAL_STATUSES, type SubmissionView } from '../http/submission-view.js';
import { parseSse } from './parse-sse.js';

/**
 * Follows `GET /api/submissions/{id}/events` and yields each view it sends until the submission ends. The server closes
 * the stream after a final state, or after ten minutes; a dropped or closed stream is opened again with the same URL.
 */
export async function* followSubmission(api: Api, submissionId: string): AsyncGenerator<SubmissionView> {
  for (;;) {
    const response = await api.request('GET', `/submissions/${encodeURIComponent(submissionId)}/events`, {
      headers: { accept: 'text/event-stream' },
    });
    try {
      for await (const { event, data } of parseSse(response.body!.pipeThrough(new TextDecoderStream()))) {
        if (event !== 'status') continue;
        const view = JSON.parse(data) as SubmissionView;
        yield view;
        if (FINAL_STATUSES.has(view.status)) return;
      }
    } catch (error) {
      // A dropped connection is reconnected below; anything else (a malformed event) is a real error.
      if (!(error instanceof TypeError)) throw error;
    }
    await sleep(500);
  }
}
