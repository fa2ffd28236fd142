import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Api } from '../http/api.js';
import { followRows } from './follow-rows.js';
import type { WatchRow } from './watch-row.js';

const row = (status: string, done: number, updatedAt: string): WatchRow => ({
  submissionId: 's1',
  status,
  reference: 'story-42',
  fileCount: 1,
  done,
  updatedAt,
});
const event = (r: WatchRow) => `event: submission\ndata: ${JSON.stringify(r)}\n\n`;

let close: (() => void) | undefined;
afterEach(() => close?.());

/** A real HTTP server answering each `GET /api/submissions/events` with the next of `answers`. */
async function serve(answers: ((res: ServerResponse) => void)[]): Promise<{ api: Api; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.url} ${req.headers['x-api-key']}`);
    answers.shift()!(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () => (server.closeAllConnections(), server.close());
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { api: new Api(origin, { header: 'x-api-key', value: 'k' }), requests };
}

const stream = (res: ServerResponse, text: string) => {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  res.write(`: keep-alive\n\n${text}`);
};

describe('followRows', () => {
  it('reconnects after a drop, saying so, skips the rows the new stream replays unchanged, and ends on the signal', async () => {
    // Recent changes, as the server replays them from the few seconds before a stream starts.
    const first = row('received', 0, new Date(Date.now() - 2000).toISOString());
    const changed = row('completed', 1, new Date().toISOString());
    const { api, requests } = await serve([
      (res) => (stream(res, event(first)), setTimeout(() => res.socket!.destroy(), 50)),
      (res) => stream(res, event(first) + event(changed)),
    ]);
    const notes: string[] = [];
    const abort = new AbortController();
    const rows: WatchRow[] = [];
    for await (const r of followRows(api, (text) => notes.push(text), abort.signal)) {
      rows.push(r);
      if (rows.length === 2) abort.abort();
    }
    expect(rows).toEqual([first, changed]);
    expect(requests).toEqual(['/api/submissions/events k', '/api/submissions/events k']);
    expect(notes).toEqual([
      `Watching submissions at ${api.origin} (Ctrl-C to stop)…\n`,
      `Lost the connection to ${api.origin}; reconnecting in 0.5 s…\n`,
      'Reconnected.\n',
    ]);
  });

  it('ends with the problem when the first connection is refused', async () => {
    const { api } = await serve([
      (res) => {
        res.writeHead(401, { 'content-type': 'application/problem+json' });
        res.end(JSON.stringify({ title: 'Invalid API key', detail: 'The API key is not valid.' }));
      },
    ]);
    const rows = followRows(api, () => undefined, new AbortController().signal);
    await expect(rows.next()).rejects.toThrow('Invalid API key: The API key is not valid.');
  });

  it('keeps trying while the server is out of reach or failing, once it was watching', async () => {
    const { api } = await serve([
      (res) => (stream(res, ''), setTimeout(() => res.socket!.destroy(), 50)),
      (res) => (res.writeHead(503), res.end()),
      (res) => stream(res, event(row('processing', 0, '2025-01-01T10:00:01.000Z'))),
    ]);
    const notes: string[] = [];
    const abort = new AbortController();
    for await (const r of followRows(api, (text) => notes.push(text), abort.signal)) {
      expect(r.status).toBe('processing');
      abort.abort();
    }
    expect(notes.slice(1)).toEqual([
      `Lost the connection to ${api.origin}; reconnecting in 0.5 s…\n`,
      expect.stringMatching(/^.*503.*; reconnecting in 1 s…\n$/),
      'Reconnected.\n',
    ]);
  });
});
