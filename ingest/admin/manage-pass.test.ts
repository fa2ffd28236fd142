import { beforeEach, describe, expect, it } from 'vitest';
import { adminTestbed, ADMIN_KEY, type AdminTestbed } from '../../test/support/admin-testbed.js';
import { API_KEY, expectProblem } from '../../test/support/ingest-testbed.js';
import { createManagePass } from './manage-pass.js';

let tb: AdminTestbed;
let runs: number;
beforeEach(async () => {
  tb = await adminTestbed();
  runs = 0;
});

const pass = (headers?: Record<string, string>) =>
  tb.call((deps) => createManagePass(deps, async () => ({ examined: ++runs, deleted: [] })), 'POST', '/api/manage/sweep', { headers });

describe('POST /api/manage/{reconcile,sweep}', () => {
  it('runs one pass with the admin key and answers what it did', async () => {
    const answer = await tb.json(await pass({ 'x-admin-key': ADMIN_KEY }));
    expect(answer).toMatchObject({ status: 200, body: { examined: 1, deleted: [] } });
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it.each([
    ['no key', { 'x-admin-key': '' }, 401, 'missing-admin-key'],
    ['a wrong admin key', { 'x-admin-key': `${ADMIN_KEY}x` }, 401, 'invalid-admin-key'],
    ['a client API key', { 'x-admin-key': '', 'x-api-key': API_KEY }, 403, 'admin-key-required'],
    ['an unknown API key', { 'x-admin-key': '', 'x-api-key': 'nd_unknown' }, 401, 'missing-admin-key'],
    ['an over-long API key', { 'x-admin-key': '', 'x-api-key': 'k'.repeat(5000) }, 401, 'missing-admin-key'],
  ])('answers %s with %i and runs nothing', async (_what, headers, status, code) => {
    await expectProblem(await pass(headers), status, code);
    expect(runs).toBe(0);
  });

  it('answers 404 when no admin key is configured', async () => {
    tb.admin.adminKey = undefined;
    await expectProblem(await pass(), 404, 'admin-api-disabled');
    expect(runs).toBe(0);
  });
});
