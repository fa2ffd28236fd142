import { setTimeout as sleep } from 'node:timers/promises';
import { nextRetryDelayMs } from '../../lib/resilience/backoff.js';
import { CliError } from '../cli-error.js';
import type { Api } from '../http/api.js';
import { parseSse } from '../submit/parse-sse.js';
import type { WatchRow } from './watch-row.js';

const BACKOFF = { firstMs: 500, factor: 2, maxMs: 8_000 };
/** The server replays rows changed up to 5 s before a stream starts; what is older than this cannot come again. */
const REMEMBER_MS = 60_000;

/**
 * The client's new and changed submissions as they happen, from `GET /api/submissions/events`, until `signal` aborts.
 * The first connection must open (else its error ends the watch); after that, a dropped stream or a failed reconnect
 * (network, 5xx) is retried with a short backoff, saying so through `note`. A stream the server ended (its ten-minute
 * limit) is opened again at once. Rows the new stream replays from its overlap, unchanged, are not yielded twice.
 */
export async function* followRows(api: Api, note: (text: string) => void, signal: AbortSignal): AsyncGenerator<WatchRow> {
  const seen = new Map<string, string>();
  let failures = 0;
  let opened = false;
  while (!signal.aborted) {
    try {
      const response = await api.request('GET', '/submissions/events', { headers: { accept: 'text/event-stream' }, signal });
      if (!opened) note(`Watching submissions at ${api.origin} (Ctrl-C to stop)…\n`);
      else if (failures > 0) note('Reconnected.\n');
      opened = true;
      failures = 0;
      for (const [id, updatedAt] of seen) if (Date.parse(updatedAt) < Date.now() - REMEMBER_MS) seen.delete(id);
      for await (const { event, data } of parseSse(response.body!.pipeThrough(new TextDecoderStream()))) {
        if (event !== 'submission') continue;
        const row = JSON.parse(data) as WatchRow;
        if (seen.get(row.submissionId) === row.updatedAt) continue;
        seen.set(row.submissionId, row.updatedAt);
        yield row;
      }
    } catch (error) {
      if (signal.aborted) return;
      if (!opened || !isDrop(error)) throw error;
      failures += 1;
      const delay = nextRetryDelayMs(failures, BACKOFF);
      const why = error instanceof CliError ? error.message : `Lost the connection to ${api.origin}`;
      note(`${why}; reconnecting in ${delay / 1000} s…\n`);
      await sleep(delay, undefined, { signal }).catch(() => undefined);
    }
  }
}

/** A connection that broke (fetch's TypeError), a server out of reach, or one failing (5xx): worth trying again. */
function isDrop(error: unknown): boolean {
  if (error instanceof CliError) return error.status === undefined || error.status >= 500;
  return error instanceof TypeError;
}
