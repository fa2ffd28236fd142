import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RaisedEvent {
  instanceId: string;
  name: string;
  payload: Record<string, unknown>;
  answered: number;
}

/**
 * Stands in for the Durable HTTP API's raise-event endpoint (`…/instances/{id}/raiseEvent/{name}`)
 * in worker tests that run without a host: records each event and answers what `respond` says
 * (202 raised, 410 the instance is gone, 5xx the host is in trouble). The pipeline's end-to-end
 * test uses the real API.
 */
export async function startCallbackReceiver(respond: (e: Omit<RaisedEvent, 'answered'>) => number = () => 202) {
  const events: RaisedEvent[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const m = /\/instances\/([^/]+)\/raiseEvent\/([^/?]+)/.exec(req.url ?? '');
      if (!m || req.method !== 'POST') return void res.writeHead(404).end();
      const e = {
        instanceId: decodeURIComponent(m[1]!),
        name: decodeURIComponent(m[2]!),
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
    /** A sendEventPostUri for an instance, `{eventName}` left in as the Durable API gives it. */
    urlFor: (instanceId: string) =>
      `${origin}/runtime/webhooks/durabletask/instances/${encodeURIComponent(instanceId)}/raiseEvent/{eventName}?code=test`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
