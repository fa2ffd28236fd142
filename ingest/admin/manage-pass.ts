import { app, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { handle } from '../http/handle.js';
import type { AdminDeps } from './admin-deps.js';
import { authorizeAdmin } from './authorize-admin.js';

type ManageDeps = Pick<AdminDeps, 'adminKey' | 'clientByKeyHash'>;

/**
 * `POST /api/manage/{route}`: runs one pass of a maintenance function now (the reconciler, the orphan sweeper) and
 * answers what it did. For operations after an incident, and for suites that assert nothing is left to repair.
 * The pass comes from app/index.ts, so ingest needs no other feature's code.
 */
export function createManagePass(deps: ManageDeps, run: Pass) {
  return handle(async (request, context) => {
    await authorizeAdmin(request, deps);
    return { status: 200, headers: { 'cache-control': 'no-store' }, jsonBody: await run(context) };
  });
}

type Pass = (context: InvocationContext) => Promise<unknown>;

/** `POST /api/manage/reconcile`: one pass of the reconciler, which reads and starts orchestrations with the invocation's durable client. */
export function registerManageReconcile(deps: ManageDeps, run: Pass): void {
  app.http('manageReconcile', {
    route: 'manage/reconcile',
    methods: ['POST'],
    authLevel: 'anonymous',
    extraInputs: [df.input.durableClient()],
    handler: createManagePass(deps, run),
  });
}

/** `POST /api/manage/sweep`: one pass of the orphan sweeper. */
export function registerManageSweep(deps: ManageDeps, run: Pass): void {
  app.http('manageSweep', { route: 'manage/sweep', methods: ['POST'], authLevel: 'anonymous', handler: createManagePass(deps, run) });
}
