import { createReadStream, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MASTER_KEY, startHostProcess, type HostProcess } from '../support/host-process.js';

let host: HostProcess;
beforeAll(async () => {
  host = await startHostProcess({ app: 'test/apps/triggers' });
});
afterAll(async () => {
  await host?.kill();
});

describe('HTTP triggers', () => {
  it('matches route templates with constraints and catch-alls, and passes method, query and body', async () => {
    const res = await fetch(`${host.url}/api/echo/42/a/b%20c?q=x&code=${MASTER_KEY}`, { method: 'PUT', body: 'payload' });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-echo')).toBe('yes');
    expect(await res.json()).toEqual({ id: '42', rest: 'a/b c', method: 'PUT', q: 'x', body: 'payload' });
  });

  it('answers 404 when a constraint or method does not match', async () => {
    expect((await fetch(`${host.url}/api/echo/abc/x?code=${MASTER_KEY}`)).status).toBe(404);
    expect((await fetch(`${host.url}/api/echo/1/x?code=${MASTER_KEY}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('checks authorization levels: function key in a header, admin needs the master key', async () => {
    expect((await fetch(`${host.url}/api/echo/1/x`)).status).toBe(401);
    expect((await fetch(`${host.url}/api/echo/1/x`, { headers: { 'x-functions-key': MASTER_KEY } })).status).toBe(201);
    const keys = JSON.parse(readFileSync(`${host.dataDir}/host-keys.json`, 'utf8')) as { functionKeys: { default: string } };
    expect((await fetch(`${host.url}/api/admin-only`, { headers: { 'x-functions-key': keys.functionKeys.default } })).status).toBe(401);
    expect((await fetch(`${host.url}/api/admin-only?code=${MASTER_KEY}`)).status).toBe(200);
  });

  it('answers 500 when a function throws and keeps serving', async () => {
    expect((await fetch(`${host.url}/api/crash`)).status).toBe(500);
    expect((await fetch(`${host.url}/api/ticks`)).status).toBe(200);
  });

  it('refuses a buffered body over the size limit with 413', async () => {
    const big = Buffer.alloc(101 * 1024 * 1024, 1);
    const res = await fetch(`${host.url}/api/echo/1/x?code=${MASTER_KEY}`, { method: 'PUT', body: big }).catch((e: unknown) => e);
    // The host answers 413 and closes; depending on timing the client sees the status or a reset.
    if (res instanceof Response) expect(res.status).toBe(413);
    else expect(String((res as Error).cause ?? res)).toMatch(/socket|reset|closed|EPIPE|terminated/i);
    expect((await fetch(`${host.url}/api/ticks`)).status).toBe(200);
  });
});

describe('timer triggers', () => {
  it('fires an NCRONTAB schedule with the timer payload the library expects', async () => {
    await expect
      .poll(async () => ((await (await fetch(`${host.url}/api/ticks`)).json()) as unknown[]).length, { timeout: 5_000 })
      .toBeGreaterThanOrEqual(2);
    const ticks = (await (await fetch(`${host.url}/api/ticks`)).json()) as {
      at: number;
      timer: { isPastDue: boolean; schedule: unknown };
    }[];
    expect(ticks[0]!.timer).toMatchObject({ isPastDue: false, schedule: { adjustForDST: true } });
    expect(ticks[1]!.at - ticks[0]!.at).toBeGreaterThanOrEqual(900);
  });
});

describe('start-up', () => {
  it('stops with an error naming a trigger type the host cannot serve', async () => {
    await expect(startHostProcess({ app: 'test/apps/unsupported' })).rejects.toThrow(/fromQueue.*queueTrigger.*cannot serve/);
  });
});

describe('HTTP streaming', () => {
  let streaming: HostProcess;
  beforeAll(async () => {
    streaming = await startHostProcess({ app: 'test/apps/streaming' });
  });
  afterAll(async () => {
    await streaming?.kill();
  });

  function peakRssKb(pid: number): number {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  }

  it('streams a 1 GB request body through the function without holding it in memory', async () => {
    const size = 1024 * 1024 * 1024;
    const chunk = Buffer.alloc(1024 * 1024, 7);
    const expected = createHash('sha256');
    for (let i = 0; i < size / chunk.length; i++) expected.update(chunk);
    const before = peakRssKb(streaming.child.pid!);
    const body = Readable.from(
      (function* () {
        for (let i = 0; i < size / chunk.length; i++) yield chunk;
      })(),
    );
    const res = await fetch(`${streaming.url}/api/digest`, {
      method: 'POST',
      body: Readable.toWeb(body) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ bytes: size, sha256: expected.digest('hex') });
    const grownMb = (peakRssKb(streaming.child.pid!) - before) / 1024;
    expect(grownMb).toBeLessThan(128);
  });

  it('answers 500 when a streaming function throws, and keeps serving', async () => {
    const res = await fetch(`${streaming.url}/api/fails`, {
      method: 'POST',
      body: createReadStream('/dev/zero', { end: 1024 * 1024 }) as unknown as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(500);
    expect((await fetch(`${streaming.url}/api/digest`, { method: 'POST', body: 'x' })).status).toBe(200);
  });
});
