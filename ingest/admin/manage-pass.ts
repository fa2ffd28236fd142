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
export function createManagePass(deps: ManageDeps, run: (context: InvocationContext) => Promise<unknown>) {
  return handle(async (request, context) => {
    await authorizeAdmin(request, deps);
    return { status: 200, headers: { 'cache-control': 'no-store' }, jsonBody: await run(context) };
  });
}

export function registerManagePass(
  deps: ManageDeps,
  pass: { name: string; route: string; run: (context: InvocationContext) => Promise<unknown> },
): void {
  app.http(pass.name, {
    route: `manage/${pass.route}`,
    methods: ['POST'],
    authLevel: 'anonymous',
    // The reconciler reads and starts orchestrations with the invocation's durable client.
    extraInputs: [df.input.durableClient()],
    handler: createManagePass(deps, pass.run),
  });
}
