import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostProcess, type HostProcess } from '../support/host-process.js';
import { getStatus, post, raiseEvent, startOrchestration, waitForStatus } from '../support/durable-client.js';

let host: HostProcess;

beforeAll(async () => {
  host = await startHostProcess({ app: 'test/apps/conformance' });
  await startOrchestration(host, 'chaining', 'finished-one');
  await waitForStatus(host, 'finished-one', ['Completed']);
  await startOrchestration(host, 'waiter', 'running-one');
  await waitForStatus(host, 'running-one', ['Running']);
});
afterAll(async () => {
  await host?.kill();
});

const json = { 'content-type': 'application/json' };

describe('Durable HTTP API: bad input gets the real API status codes and the host keeps serving', () => {
  const cases: [string, () => Promise<Response>, number][] = [
    [
      'malformed JSON input to start',
      () => fetch(host.durable('orchestrators/chaining/bad-json'), { method: 'POST', headers: json, body: '{"unterminated' }),
      400,
    ],
    ['an unknown orchestrator function', () => startOrchestration(host, 'noSuchOrchestrator', 'x1'), 400],
    ['an activity name where an orchestrator is expected', () => startOrchestration(host, 'sayHello', 'x2'), 400],
    ['an instance id starting with @', () => startOrchestration(host, 'chaining', '@entity'), 400],
    ['an instance id with #', () => startOrchestration(host, 'chaining', 'a#b'), 400],
    ['an instance id with a control character', () => startOrchestration(host, 'chaining', 'a\u0001b'), 400],
    ['an instance id over 256 characters', () => startOrchestration(host, 'chaining', 'x'.repeat(257)), 400],
    ['starting an id that is still running', () => startOrchestration(host, 'waiter', 'running-one'), 400],
    ['status of an unknown instance', () => fetch(host.durable('instances/nobody-here')), 404],
    ['raising an event on an unknown instance', () => raiseEvent(host, 'nobody-here', 'Go', 1), 404],
    ['raising an event on a finished instance', () => raiseEvent(host, 'finished-one', 'Go', 1), 410],
    [
      'raising an event with a non-JSON content type',
      () =>
        fetch(host.durable('instances/running-one/raiseEvent/Go'), {
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body: 'hi',
        }),
      400,
    ],
    [
      'raising an event with malformed JSON',
      () => fetch(host.durable('instances/running-one/raiseEvent/Go'), { method: 'POST', headers: json, body: '{' }),
      400,
    ],
    ['terminating an unknown instance', () => post(host, 'instances/nobody-here/terminate'), 404],
    ['terminating a finished instance', () => post(host, 'instances/finished-one/terminate'), 410],
    ['suspending a finished instance', () => post(host, 'instances/finished-one/suspend'), 410],
    ['purging an unknown instance', () => fetch(host.durable('instances/nobody-here'), { method: 'DELETE' }), 404],
    ['an unknown management verb', () => post(host, 'instances/running-one/explode'), 404],
    ['the public API without the system key', () => fetch(`${host.url}/runtime/webhooks/durabletask/instances/running-one`), 401],
    ['the public API with a wrong key', () => fetch(`${host.url}/runtime/webhooks/durabletask/instances/running-one?code=wrong`), 401],
    ['a function route with a function key missing', () => fetch(`${host.url}/api/variant/x`, { method: 'POST' }), 401],
    ['an unknown route', () => fetch(`${host.url}/api/no/such/route`), 404],
  ];

  it.each(cases)('%s', async (_name, call, status) => {
    const res = await call();
    expect(res.status).toBe(status);
    await res.body?.cancel();
    // Still serving, and nothing changed for the instances the bad requests named.
    expect((await getStatus(host, 'running-one')).runtimeStatus).toBe('Running');
    expect((await getStatus(host, 'finished-one')).runtimeStatus).toBe('Completed');
  });

  it('left no instance behind for rejected starts', async () => {
    for (const idv of ['bad-json', 'x1', 'x2']) {
      expect((await fetch(host.durable(`instances/${idv}`))).status).toBe(404);
    }
  });

  it('serves the same API on the RPC base URL the SDK client uses, without a key', async () => {
    const res = await fetch(`${host.rpcBaseUrl}instances/finished-one`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { output: unknown }).output).toEqual(['Hello Tokyo!', 'Hello Seattle!', 'Hello London!']);
    expect((await fetch(`${host.rpcBaseUrl}instances/nobody`)).status).toBe(404);
  });

  it('lists instances with a status filter and pages with a continuation token', async () => {
    const filtered = (await (await fetch(host.durable('instances/', 'runtimeStatus=Running'))).json()) as {
      instanceId: string;
      runtimeStatus: string;
    }[];
    expect(filtered.map((i) => i.instanceId)).toContain('running-one');
    expect(filtered.every((i) => i.runtimeStatus === 'Running')).toBe(true);
    const res = await fetch(host.durable('instances/', 'top=1'));
    expect(res.status).toBe(200);
    const page = (await res.json()) as { instanceId: string }[];
    expect(page).toHaveLength(1);
    const token = res.headers.get('x-ms-continuation-token');
    expect(token).toBeTruthy();
    const next = await fetch(host.durable('instances/', 'top=1'), { headers: { 'x-ms-continuation-token': token! } });
    const second = (await next.json()) as { instanceId: string }[];
    expect(second).toHaveLength(1);
    expect(second[0]!.instanceId).not.toBe(page[0]!.instanceId);
  });

  it('purges a finished instance', async () => {
    await startOrchestration(host, 'chaining', 'to-purge');
    await waitForStatus(host, 'to-purge', ['Completed']);
    const res = await fetch(host.durable('instances/to-purge'), { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ instancesDeleted: 1 });
    expect((await fetch(host.durable('instances/to-purge'))).status).toBe(404);
  });
});
