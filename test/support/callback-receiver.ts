import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RaisedEvent {
  instanceId: string;
  name: string;
  /** The `newsdesk-job-token` header the worker sent. */
  token: string | undefined;
  payload: Record<string, unknown>;
  answered: number;
}

/**
 * Stands in for the app's job-events endpoint (`/api/jobs/{jobId}/events/{name}`) in worker tests that run
 * without a host: records each event with the token it came with, and answers what `respond` says (202 raised,
 * 403 the job closed, 5xx the host is in trouble). The pipeline's end-to-end tests use the real endpoint.
 */
export async function startCallbackReceiver(respond: (e: Omit<RaisedEvent, 'answered'>) => number = () => 202) {
  const events: RaisedEvent[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const m = /^\/api\/jobs\/([^/]+)\/events\/([^/?]+)$/.exec(req.url ?? '');
      if (!m || req.method !== 'POST') return void res.writeHead(404).end();
      const token = req.headers['newsdesk-job-token'];
      const e = {
        instanceId: decodeURIComponent(m[1]!),
        name: decodeURIComponent(m[2]!),
        token: typeof token === 'string' ? token : undefined,
        payload: JSON.parse(body || '{}') as Record<string, unknown>,
      };
      const answered = respond(e);
      events.push({ ...e, answered });
      res.writeHead(answered).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    events,
    /** A job's callback URL (job id = instance id), `{eventName}` left in as the enqueue activity leaves it. */
    urlFor: (instanceId: string) => `${origin}/api/jobs/${encodeURIComponent(instanceId)}/events/{eventName}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
