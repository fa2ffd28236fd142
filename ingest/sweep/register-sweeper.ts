import { app } from '@azure/functions';
import { sweepOrphans, type SweepDeps, type SweepSettings } from './sweep-orphans.js';

/** The orphan sweeper on its schedule (NEWSDESK_SWEEP_SCHEDULE); `POST /api/manage/sweep` runs the same pass at once. */
export function registerSweeper(deps: SweepDeps, settings: SweepSettings): void {
  app.timer('sweepOrphans', {
    schedule: settings.schedule,
    handler: async (_timer, context) => {
      const report = await sweepOrphans(deps);
      if (report.deleted.length > 0) context.log(`sweeper: deleted ${report.deleted.length} orphaned blobs`, report.deleted);
    },
  });
}
