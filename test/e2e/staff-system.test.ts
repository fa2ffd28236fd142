import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { truncated } from '../support/bad-media.js';
import { fixture } from '../support/fixtures.js';
import { startStack, type Stack } from '../support/newsdesk-stack.js';

// npm start as it is: a worker and the classifier service with its models. The system view reads them for real.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ NEWSDESK_WORKERS_MIN: '1', NEWSDESK_WORKERS_MAX: '1' });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

interface SystemView {
  queue: { name: string; depth: number };
  workers: { running: number; instances: { id: string; lastSeenAt: string }[] };
  classifier: { state: string; modelLoadMs: number | null; checkedAt: string };
  failures: { submissionId: string; fileId: string; name: string | null; reason: string; at: string }[];
  deadLetters: unknown[];
}
const system = (headers: Record<string, string>) => fetch(`${stack.url}/api/staff/system`, { headers });
const asEditor = () => ({ authorization: `Bearer ${stack.editorKey}` });

describe('the system view on the running stack', () => {
  it('shows the work queue, the running worker, the classifier with its model load time, and a failed file', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(truncated(fixture('dog-bicycle-truck.jpg'), 0.3))]), 'cut.jpg');
    const posted = await fetch(`${stack.url}/api/submissions`, { method: 'POST', headers: { 'x-api-key': stack.apiKey }, body: form });
    expect(posted.status).toBe(202);
    const { submissionId } = (await posted.json()) as { submissionId: string };

    const read = async () => (await (await system(asEditor())).json()) as SystemView;
    await expect
      .poll(async () => (await read()).failures.some((f) => f.submissionId === submissionId), { timeout: 90_000, interval: 500 })
      .toBe(true);
    const view = await read();
    expect(view.queue).toEqual({ name: 'analysis-jobs', depth: expect.any(Number) });
    expect(view.workers.running).toBe(1);
    expect(Date.now() - Date.parse(view.workers.instances[0]!.lastSeenAt)).toBeLessThan(30_000);
    expect(view.classifier).toMatchObject({ state: 'up', modelLoadMs: expect.any(Number) });
    expect(view.failures.find((f) => f.submissionId === submissionId)).toMatchObject({ name: 'cut.jpg', reason: expect.any(String) });
    expect(view.deadLetters).toEqual([]);
  }, 120_000);

  it('refuses a client key and a missing credential', async () => {
    expect((await system({ 'x-api-key': stack.apiKey })).status).toBe(403);
    expect((await system({})).status).toBe(401);
  });

  it('serves the desk’s routes: a redirect to /api/desk/, and no file outside dist/desk', async () => {
    const bare = await fetch(`${stack.url}/api/desk`, { redirect: 'manual' });
    expect([bare.status, bare.headers.get('location')]).toEqual([308, '/api/desk/']);
    // Built or not (npm run build:desk), the page answers: the desk, or a problem saying to build it.
    expect([200, 503]).toContain((await fetch(`${stack.url}/api/desk/`)).status);
    for (const path of ['..%2F..%2Fpackage.json', '%2E%2E/%2E%2E/package.json', 'assets/..%5C..%5Cpackage.json'])
      expect((await fetch(`${stack.url}/api/desk/${path}`)).status, path).toBe(404);
  });
});
