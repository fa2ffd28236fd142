import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { scalingSchema } from './scaling-settings.js';

const rule = JSON.parse(readFileSync(new URL('./scaling-rule.json', import.meta.url), 'utf8')) as Record<string, number>;

describe('the one scaling rule', () => {
  it('gives the one-machine runner its defaults', () => {
    expect(scalingSchema.parse({})).toEqual({
      NEWSDESK_WORKERS_MIN: rule.minReplicas,
      NEWSDESK_WORKERS_MAX: rule.maxReplicas,
      NEWSDESK_WORKERS_JOBS_PER_WORKER: rule.messagesPerReplica,
      NEWSDESK_WORKERS_IDLE_SECONDS: rule.coolDownSeconds,
    });
  });

  it('lets the local settings override it', () => {
    expect(scalingSchema.parse({ NEWSDESK_WORKERS_MAX: '0' }).NEWSDESK_WORKERS_MAX).toBe(0);
    expect(() => scalingSchema.parse({ NEWSDESK_WORKERS_JOBS_PER_WORKER: '0' })).toThrow(z.ZodError);
  });

  it('scales to zero when idle: an empty queue costs nothing, on Azure as on one machine', () => {
    expect(rule.minReplicas).toBe(0);
  });
});
