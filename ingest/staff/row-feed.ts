import type { HttpResponseInit } from '@azure/functions';
import type { SubmissionRecord } from '../../adapters/ingest-store/ingest-store.js';
import type { IngestDeps } from '../deps.js';
import { submissionRow } from './submission-row.js';

const POLL_MS = 400;
/** Changes are read again this far back: a writer whose clock lags, or whose write lands late, is not missed. */
const OVERLAP_MS = 5_000;
const KEEP_ALIVE_MS = 15_000;
/** Then the stream ends; the desk and the CLI reconnect (hosts cut long requests anyway). */
const MAX_MS = 10 * 60 * 1000;
const MAX_PER_POLL = 500;

/**
 * A Server-Sent Events stream of submission rows: `event: submission` for each new or changed submission (the store's
 * change feed, polled every 400 ms), `: keep-alive` when nothing was said for a while. `clientId` narrows it to one
 * client's submissions. Polling stops when the reader goes away (the stream's cancel) or after ten minutes.
 */
export function rowFeed(deps: Pick<IngestDeps, 'store' | 'now'>, scope: { clientId?: string }): HttpResponseInit {
  const encoder = new TextEncoder();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const started = deps.now().getTime();
      let cursor = started;
      let quietSince = started;
      const sent = new Map<string, { text: string; updatedAt: number }>();
      const names = new Map<string, string>();
      const say = (text: string) => {
        controller.enqueue(encoder.encode(text));
        quietSince = deps.now().getTime();
      };
      const nameOf = async (record: SubmissionRecord): Promise<string> => {
        if (!names.has(record.clientId)) names.set(record.clientId, (await deps.store.getClient(record.clientId))?.name ?? record.clientId);
        return names.get(record.clientId)!;
      };
      const tick = async (): Promise<void> => {
        if (stopped) return;
        try {
          const since = new Date(cursor - OVERLAP_MS).toISOString();
          for (const record of await deps.store.changedSubmissions(since, MAX_PER_POLL)) {
            if (scope.clientId !== undefined && record.clientId !== scope.clientId) continue;
            const updatedAt = Date.parse(record.updatedAt);
            const text = JSON.stringify(submissionRow(record, await nameOf(record)));
            cursor = Math.max(cursor, updatedAt);
            if (sent.get(record.submissionId)?.text === text) continue;
            sent.set(record.submissionId, { text, updatedAt });
            if (!stopped) say(`event: submission\ndata: ${text}\n\n`);
          }
          // What fell out of the overlap window cannot come back as unchanged: forget it.
          for (const [id, s] of sent) if (s.updatedAt < cursor - OVERLAP_MS) sent.delete(id);
          const now = deps.now().getTime();
          if (stopped) return;
          if (now - quietSince >= KEEP_ALIVE_MS) say(': keep-alive\n\n');
          if (now - started > MAX_MS) return controller.close();
          timer = setTimeout(() => void tick(), POLL_MS);
        } catch (error) {
          if (!stopped) controller.error(error);
        }
      };
      // A comment at once: the answer's headers go out, and proxies see the stream is alive.
      say(': keep-alive\n\n');
      timer = setTimeout(() => void tick(), 0);
    },
    cancel() {
      stopped = true;
      clearTimeout(timer);
    },
  });
  return {
    status: 200,
    headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' },
    body,
  };
}
