import { app, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { newsdeskMetrics } from '../../adapters/telemetry/metrics.js';
import type { ReconcileDeps, ReconcileReport, ReconcileSettings } from './reconcile-settings.js';
import { reconcileSubmissions } from './reconcile-submissions.js';

/** One pass with the invocation's durable client, counted and logged: what the timer and `POST /api/manage/reconcile` both run. */
export async function runReconciler(deps: Omit<ReconcileDeps, 'durable'>, context: InvocationContext): Promise<ReconcileReport> {
  const report = await reconcileSubmissions({ ...deps, durable: df.getClient(context) });
  if (report.started.length > 0) newsdeskMetrics().submissionsReconciled.add(report.started.length, { outcome: 'started' });
  if (report.failed.length > 0) newsdeskMetrics().submissionsReconciled.add(report.failed.length, { outcome: 'failed' });
  if (report.started.length + report.failed.length > 0) context.log('reconciler: repaired submissions', report);
  if (report.errors.length > 0) context.warn('reconciler: some submissions could not be looked at', report.errors);
  return report;
}

/** The reconciler on its schedule (NEWSDESK_RECONCILE_SCHEDULE). */
export function registerReconciler(deps: Omit<ReconcileDeps, 'durable'>, settings: Pick<ReconcileSettings, 'schedule'>): void {
  app.timer('reconcileSubmissions', {
    schedule: settings.schedule,
    extraInputs: [df.input.durableClient()],
    handler: async (_timer, context) => void (await runReconciler(deps, context)),
  });
}
