import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STACK_MASTER_KEY, startStack, type Stack } from '../support/newsdesk-stack.js';

// The admin API on the stack as `npm start` runs it: the host master key is the admin key, and the local host
// routes `keys:rotate` (a colon in a literal segment) as Azure does.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 90_000);
afterAll(async () => {
  await stack?.stop();
});

const admin = (path: string, init: RequestInit = {}) =>
  fetch(`${stack.url}/api/manage/clients${path}`, {
    ...init,
    headers: { 'x-admin-key': STACK_MASTER_KEY, 'content-type': 'application/json', ...init.headers },
  });
const asClient = (key: string) => fetch(`${stack.url}/api/submissions`, { headers: { 'x-api-key': key } });

describe('client administration on the local stack', () => {
  it('creates, lists, rotates and deletes a client; its keys follow', async () => {
    const created = await admin('', { method: 'POST', body: JSON.stringify({ name: 'Second desk', mailSenders: ['second@agency.test'] }) });
    expect(created.status).toBe(201);
    const { clientId, apiKey } = (await created.json()) as { clientId: string; apiKey: string };
    expect((await asClient(apiKey)).status).toBe(200);
    expect((await asClient(stack.apiKey)).status).toBe(200);

    const listed = (await (await admin('')).json()) as { clients: { clientId: string }[] };
    expect(listed.clients.map((c) => c.clientId)).toEqual(expect.arrayContaining(['dev', clientId]));
    expect(JSON.stringify(listed)).not.toContain(apiKey);

    const forbidden = await fetch(`${stack.url}/api/manage/clients`, { headers: { 'x-api-key': apiKey } });
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as { type: string }).type).toBe('https://newsdesk.dev/problems/admin-key-required');

    const rotated = await admin(`/${clientId}/keys:rotate`, { method: 'POST' });
    expect(rotated.status).toBe(200);
    const { apiKey: newKey } = (await rotated.json()) as { apiKey: string };
    expect((await asClient(apiKey)).status).toBe(200);
    expect((await admin(`/${clientId}/keys:rotate`, { method: 'POST' })).status).toBe(409);
    expect((await admin(`/${clientId}/webhook-secret:rotate`, { method: 'POST' })).status).toBe(200);

    expect((await admin(`/${clientId}`, { method: 'DELETE' })).status).toBe(204);
    // The new key was never looked up, so no cache keeps it: refused at once.
    const refused = await asClient(newKey);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { type: string }).type).toBe('https://newsdesk.dev/problems/client-deleted');
    expect((await admin(`/${clientId}`, { method: 'DELETE' })).status).toBe(404);
  });
});
