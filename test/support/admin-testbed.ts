import type { HttpHandler, HttpResponseInit } from '@azure/functions';
import { ingestTestbed, invocationContext, received, type IngestTestbed } from './ingest-testbed.js';
import type { AdminDeps } from '../../ingest/admin/admin-deps.js';

export const ADMIN_KEY = 'admin-key-for-unit-tests-0000000000000';
export const DAY_MS = 24 * 60 * 60 * 1000;

/** The ingest testbed with the admin settings, a clock tests move, and a caller for admin handlers. */
export interface AdminTestbed extends IngestTestbed {
  admin: AdminDeps;
  clock: { now: Date };
  call(
    make: (deps: AdminDeps) => HttpHandler,
    method: string,
    path: string,
    init?: { body?: unknown; params?: Record<string, string>; headers?: Record<string, string> },
  ): Promise<HttpResponseInit>;
  /** A JSON answer as the client receives it. */
  json<T = Record<string, unknown>>(response: HttpResponseInit): Promise<{ status: number; headers: Headers; body: T }>;
}

export async function adminTestbed(): Promise<AdminTestbed> {
  const clock = { now: new Date('2026-03-01T12:00:00.000Z') };
  const tb = await ingestTestbed({ now: () => clock.now });
  const admin: AdminDeps = { ...tb.deps, adminKey: ADMIN_KEY, keyOverlapMs: 7 * DAY_MS, defaultRateLimitPerMinute: 600 };
  const call: AdminTestbed['call'] = async (make, method, path, init = {}) => {
    const body = init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    const headers = { 'x-admin-key': ADMIN_KEY, 'content-type': 'application/json', ...init.headers };
    const request = tb.request(method, path, { key: null, headers, body, params: init.params });
    return (await make(admin)(request, invocationContext())) as HttpResponseInit;
  };
  return { ...tb, admin, clock, call, json: received };
}
