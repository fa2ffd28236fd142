import { describe, expect, it } from 'vitest';
import rule from '../../workers/scaling/scaling-rule.json' with { type: 'json' };
import { loadLocalSettings } from './settings.js';

describe('local stack sizing', () => {
  it('gives each worker more jobs than classifier calls, so it pipelines them', () => {
    const { workers } = loadLocalSettings({}, '/newsdesk');
    expect(workers).toMatchObject({ concurrency: 4, classifierConcurrency: 2 });
    expect(workers.concurrency).toBeGreaterThan(workers.classifierConcurrency);
  });

  it('takes both from the environment and refuses a concurrency of 0', () => {
    const env = { NEWSDESK_WORKER_CONCURRENCY: '6', NEWSDESK_CLASSIFIER_CONCURRENCY: '3' };
    expect(loadLocalSettings(env, '/newsdesk').workers).toMatchObject({ concurrency: 6, classifierConcurrency: 3 });
    expect(() => loadLocalSettings({ NEWSDESK_WORKER_CONCURRENCY: '0' }, '/newsdesk')).toThrow(/NEWSDESK_WORKER_CONCURRENCY/);
  });

  it('scales workers by the rule Azure uses, but keeps one warm where Azure scales to zero', () => {
    const { workers } = loadLocalSettings({}, '/newsdesk');
    expect(workers).toMatchObject({
      min: 1,
      max: rule.maxReplicas,
      jobsPerWorker: rule.messagesPerReplica,
      idleSeconds: rule.coolDownSeconds,
    });
    expect(loadLocalSettings({ NEWSDESK_WORKERS_MIN: '0' }, '/newsdesk').workers.min).toBe(0);
  });
});
