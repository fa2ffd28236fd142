import { z } from 'zod';
import rule from './scaling-rule.json' with { type: 'json' };

/**
 * The one scaling rule (scaling-rule.json): how many waiting jobs one worker takes, the fewest and most workers, and
 * how long the queue stays empty before a worker goes. Azure's Container Apps job reads the same file
 * (infra/azure/modules/workers.bicep: loadJsonContent), so KEDA there and the one-machine runner here scale alike.
 * The NEWSDESK_WORKERS_* settings override it for `npm start` and the tests.
 */
const scalingRule = z
  .object({
    messagesPerReplica: z.number().int().min(1),
    minReplicas: z.number().int().min(0),
    maxReplicas: z.number().int().min(1),
    coolDownSeconds: z.number().int().min(0),
  })
  .refine((r) => r.minReplicas <= r.maxReplicas, 'minReplicas must not exceed maxReplicas')
  .parse(rule);

export const scalingSchema = z.object({
  NEWSDESK_WORKERS_MIN: z.coerce.number().int().min(0).default(scalingRule.minReplicas),
  NEWSDESK_WORKERS_MAX: z.coerce.number().int().min(0).default(scalingRule.maxReplicas),
  NEWSDESK_WORKERS_JOBS_PER_WORKER: z.coerce.number().int().min(1).default(scalingRule.messagesPerReplica),
  NEWSDESK_WORKERS_IDLE_SECONDS: z.coerce.number().min(0).default(scalingRule.coolDownSeconds),
});
