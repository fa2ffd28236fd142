import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostProcess, type HostProcess } from '../support/host-process.js';
import { getStatus, post, raiseEvent, startOrchestration, waitForStatus } from '../support/durable-client.js';

const APP = 'test/apps/conformance';
let host: HostProcess;
let n = 0;
const id = (prefix: string) => `${prefix}-${Date.now()}-${n++}`;

beforeAll(async () => {
  host = await startHostProcess({ app: APP, args: ['--max-short-timer-ms', '1000', '--long-timer-interval-ms', '400'] });
});
afterAll(async () => {
  await host?.kill();
});

describe('orchestrations written with the public durable-functions API', () => {
  it('chains activities in order and is started by the SDK client (createCheckStatusResponse)', async () => {
    const res = await fetch(`${host.url}/api/orchestrators/chaining`, { method: 'POST', body: '' });
    expect(res.status).toBe(202);
    const links = (await res.json()) as { id: string; statusQueryGetUri: string; sendEventPostUri: string };
    expect(links.statusQueryGetUri).toContain(`${host.url}/runtime/webhooks/durabletask/instances/${links.id}`);
    const done = await waitForStatus(host, links.id, ['Completed']);
    expect(done.output).toEqual(['Hello Tokyo!', 'Hello Seattle!', 'Hello London!']);
    const polled = await fetch(links.statusQueryGetUri);
    expect(polled.status).toBe(200);
  });

  it('takes an event posted to the sendEventPostUri that createCheckStatusResponse handed out', async () => {
    const res = await fetch(`${host.url}/api/orchestrators/approval`, { method: 'POST', body: JSON.stringify({ timeoutMs: 60_000 }) });
    const links = (await res.json()) as { id: string; sendEventPostUri: string };
    await waitForStatus(host, links.id, ['Running']);
    const raised = await fetch(links.sendEventPostUri.replace('{eventName}', 'Approval'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify('desk-7'),
    });
    expect(raised.status).toBe(202);
    expect((await waitForStatus(host, links.id, ['Completed'])).output).toEqual({ outcome: 'approved', by: 'desk-7' });
  });

  it("serves every DurableClient call a function makes through the SDK's own client", async () => {
    const instance = id('client');
    const call = (op: string, init?: RequestInit, query = '') =>
      fetch(`${host.url}/api/client/${instance}/${op}${query}`, { method: 'POST', ...init });
    expect((await call('start')).status).toBe(200);
    await waitForStatus(host, instance, ['Running']);
    expect((await call('suspend')).status).toBe(202);
    await waitForStatus(host, instance, ['Suspended']);
    expect((await call('resume')).status).toBe(202);
    await waitForStatus(host, instance, ['Running']);
    expect((await call('raise', { body: JSON.stringify({ n: 1 }) }, '?event=Go')).status).toBe(202);
    await expect
      .poll(async () => ((await (await call('status')).json()) as { customStatus: unknown }).customStatus)
      .toEqual({ stage: 'got-go' });
    expect((await call('terminate')).status).toBe(202);
    await waitForStatus(host, instance, ['Terminated']);
    expect(await (await call('status')).json()).toMatchObject({ runtimeStatus: 'Terminated', output: 'via client' });
    expect(await (await call('purge')).json()).toEqual({ instancesDeleted: 1 });
  });

  it('fans out 100 activities and fans in their results', async () => {
    const instance = id('fan');
    expect((await startOrchestration(host, 'fanOut', instance, 100)).status).toBe(202);
    const done = await waitForStatus(host, instance, ['Completed']);
    // Sum of squares 1..100.
    expect(done.output).toEqual({ count: 100, sum: 338350 });
  });

  it('lets an external event beat the timer, and cancels the timer', async () => {
    const instance = id('approve');
    await startOrchestration(host, 'approval', instance, { timeoutMs: 60_000 });
    await waitForStatus(host, instance, ['Running']);
    expect((await raiseEvent(host, instance, 'Approval', { editor: 'Ana' })).status).toBe(202);
    const done = await waitForStatus(host, instance, ['Completed']);
    expect(done.output).toEqual({ outcome: 'approved', by: { editor: 'Ana' } });
  });

  it('lets the timer win when no event comes', async () => {
    const instance = id('timeout');
    const started = Date.now();
    await startOrchestration(host, 'approval', instance, { timeoutMs: 300 });
    const done = await waitForStatus(host, instance, ['Completed']);
    expect(done.output).toEqual({ outcome: 'timed-out' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it('buffers events raised before the wait and serves them first in, first out', async () => {
    const instance = id('early');
    await startOrchestration(host, 'lateWaiter', instance, { delayMs: 300 });
    await waitForStatus(host, instance, ['Running']);
    await raiseEvent(host, instance, 'Note', 'first');
    await raiseEvent(host, instance, 'Note', 'second');
    const done = await waitForStatus(host, instance, ['Completed']);
    expect(done.output).toEqual(['first', 'second']);
  });

  it('retries a failing activity with exponential backoff until it succeeds', async () => {
    const instance = id('retry');
    await startOrchestration(host, 'retrying', instance, { key: instance, failures: 2, maxAttempts: 4, firstMs: 100, backoff: 3 });
    const done = await waitForStatus(host, instance, ['Completed']);
    const { attempts, at, after } = done.output as { attempts: number; at: number[]; after: string };
    expect(attempts).toBe(3);
    expect(after).toBe('Hello after-retry!');
    // One retry timer per failed attempt, none after the attempt that succeeded.
    const history = await getStatus(host, instance, 'showHistory=true');
    expect(history.historyEvents?.filter((e) => e.EventType === 'TimerCreated')).toHaveLength(2);
    // Delays: 100 ms after the first failure, 300 ms after the second.
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(100);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(300);
  });

  it('fails the orchestration with the activity error once attempts run out', async () => {
    const instance = id('retry-out');
    await startOrchestration(host, 'retrying', instance, { key: instance, failures: 10, maxAttempts: 3, firstMs: 50, backoff: 1 });
    const done = await waitForStatus(host, instance, ['Failed']);
    expect(JSON.stringify(done.output)).toContain('flaky failure 3 of 10');
    const history = await getStatus(host, instance, 'showHistory=true');
    expect(history.historyEvents?.filter((e) => e.EventType === 'TaskScheduled')).toHaveLength(3);
  });

  it('runs sub-orchestrations and returns their outputs to the parent', async () => {
    const instance = id('parent');
    await startOrchestration(host, 'parent', instance);
    const done = await waitForStatus(host, instance, ['Completed']);
    expect(done.output).toEqual({ cities: ['Hello Tokyo!', 'Hello Seattle!', 'Hello London!'], fan: { count: 10, sum: 385 } });
    const child = await getStatus(host, `${instance}-child`);
    expect(child.runtimeStatus).toBe('Completed');
  });

  it('fails a sub-orchestration call whose instance id is already running, leaving that instance alone', async () => {
    const running = id('busy');
    await startOrchestration(host, 'waiter', running);
    await waitForStatus(host, running, ['Running']);
    const caller = id('collide');
    await startOrchestration(host, 'collide', caller, { childId: running });
    const done = await waitForStatus(host, caller, ['Completed']);
    expect(String(done.output)).toMatch(/already Running/);
    expect((await getStatus(host, running)).runtimeStatus).toBe('Running');
  });

  it('loops with continueAsNew, one execution per step', async () => {
    const instance = id('counter');
    await startOrchestration(host, 'counter', instance, { value: 0, target: 5 });
    const done = await waitForStatus(host, instance, ['Completed']);
    expect(done.output).toBe(5);
    expect(done.input).toEqual({ value: 5, target: 5 });
  });

  it('terminates a running instance, keeping the reason as output', async () => {
    const instance = id('term');
    await startOrchestration(host, 'waiter', instance);
    await waitForStatus(host, instance, ['Running']);
    expect((await post(host, `instances/${instance}/terminate`, 'reason=editor%20cancelled')).status).toBe(202);
    const done = await waitForStatus(host, instance, ['Terminated']);
    expect(done.output).toBe('editor cancelled');
  });

  it('suspends (queuing events) and resumes', async () => {
    const instance = id('suspend');
    await startOrchestration(host, 'waiter', instance);
    await waitForStatus(host, instance, ['Running']);
    expect((await post(host, `instances/${instance}/suspend`, 'reason=hold')).status).toBe(202);
    await waitForStatus(host, instance, ['Suspended']);
    await raiseEvent(host, instance, 'Go', 1);
    await raiseEvent(host, instance, 'Finish', 2);
    await new Promise((r) => setTimeout(r, 300));
    expect((await getStatus(host, instance)).runtimeStatus).toBe('Suspended');
    expect((await post(host, `instances/${instance}/resume`, 'reason=go')).status).toBe(202);
    const done = await waitForStatus(host, instance, ['Completed']);
    expect(done.output).toEqual({ data: 1, more: 2 });
  });

  it('publishes custom status as the orchestration progresses', async () => {
    const instance = id('custom');
    await startOrchestration(host, 'waiter', instance);
    await waitForStatus(host, instance, ['Running']);
    await expect.poll(async () => (await getStatus(host, instance)).customStatus).toEqual({ stage: 'waiting' });
    await raiseEvent(host, instance, 'Go', 'x');
    await expect.poll(async () => (await getStatus(host, instance)).customStatus).toEqual({ stage: 'got-go' });
    await raiseEvent(host, instance, 'Finish', 'y');
    await waitForStatus(host, instance, ['Completed']);
  });

  it('detects non-determinism when replayed code schedules something else', async () => {
    const instance = id('nondet');
    await fetch(`${host.url}/api/variant/sayHello?code=conformance-master-key-0123456789`, { method: 'POST' });
    await startOrchestration(host, 'changing', instance);
    await waitForStatus(host, instance, ['Running']);
    await expect
      .poll(async () => (await getStatus(host, instance, 'showHistory=true')).historyEvents?.some((e) => e.EventType === 'TaskCompleted'))
      .toBe(true);
    await fetch(`${host.url}/api/variant/sayGoodbye?code=conformance-master-key-0123456789`, { method: 'POST' });
    await raiseEvent(host, instance, 'Continue', null);
    const done = await waitForStatus(host, instance, ['Failed']);
    expect(String(done.output)).toMatch(/Non-Deterministic workflow detected.*'sayGoodbye'.*'sayHello'/);
  });

  it('splits a timer longer than the maximum short timer into legs', async () => {
    const instance = id('long');
    await startOrchestration(host, 'longTimer', instance, { durationMs: 1500 });
    const done = await waitForStatus(host, instance, ['Completed'], 20_000, 'showHistory=true');
    expect((done.output as { waitedAtLeastMs: number }).waitedAtLeastMs).toBeGreaterThanOrEqual(1500);
    const timers = done.historyEvents?.filter((e) => e.EventType === 'TimerCreated') ?? [];
    expect(timers.length).toBeGreaterThanOrEqual(3);
  });
});
