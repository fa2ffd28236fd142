import { z } from 'zod';

/**
 * The scaling policy's settings (see ScalingPolicy), with the one set of defaults: the function app's ACI scaler
 * (app/config.ts) and the one-machine runner (`npm start`) read the same names. Azure's templates set all four.
 */
export const scalingSchema = z.object({
  NEWSDESK_WORKERS_MIN: z.coerce.number().int().min(0).default(1),
  NEWSDESK_WORKERS_MAX: z.coerce.number().int().min(0).default(2),
  NEWSDESK_WORKERS_JOBS_PER_WORKER: z.coerce.number().int().min(1).default(4),
  NEWSDESK_WORKERS_IDLE_SECONDS: z.coerce.number().min(0).default(120),
});
