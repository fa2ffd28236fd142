import { describe, expect, it } from 'vitest';
import { loadWorkerConfig } from './config.js';

const base = { AzureWebJobsStorage: 'UseDevelopmentStorage=true' };

describe('loadWorkerConfig', () => {
  it('has a working default for everything but the storage connection', () => {
    const config = loadWorkerConfig({ ...base, NEWSDESK_WORKER_ID: 'w1' });
    expect(config).toMatchObject({ workerId: 'w1', concurrency: 2, lockSeconds: 60, maxDeliveries: 5, gpu: 'auto', classifier: undefined });
    expect(config.video).toEqual({ maxDurationSeconds: 4 * 3600, maxKeyframes: 12, sceneThreshold: 0.3 });
  });

  it('reads the classifier settings, features included', () => {
    const config = loadWorkerConfig({
      ...base,
      NEWSDESK_CLASSIFIER_ENDPOINT: 'http://127.0.0.1:7072',
      NEWSDESK_CLASSIFIER_KEY: 'k',
      NEWSDESK_CLASSIFIER_FEATURES: 'tags, read',
      NEWSDESK_CLASSIFIER_RETRY_BUDGET: 'PT10S',
    });
    expect(config.classifier).toMatchObject({ endpoint: 'http://127.0.0.1:7072', features: ['tags', 'read'], retry: { budgetMs: 10_000 } });
  });

  it('reads the summary’s thresholds, with defaults', () => {
    expect(loadWorkerConfig(base).summary).toEqual({
      minTagConfidence: 0.6,
      minObjectConfidence: 0.5,
      minPersonConfidence: 0.6,
      minTextConfidence: 0.5,
      maxTags: 10,
    });
    const config = loadWorkerConfig({ ...base, NEWSDESK_SUMMARY_MIN_TAG_CONFIDENCE: '0.35', NEWSDESK_SUMMARY_MAX_TAGS: '30' });
    expect(config.summary).toMatchObject({ minTagConfidence: 0.35, maxTags: 30 });
  });

  const bad: [string, Record<string, string>, RegExp][] = [
    ['no storage connection', {}, /AzureWebJobsStorage/],
    ['a concurrency of 0', { ...base, NEWSDESK_WORKER_CONCURRENCY: '0' }, /NEWSDESK_WORKER_CONCURRENCY/],
    ['a lock that is not a duration', { ...base, NEWSDESK_WORKER_LOCK: '60' }, /NEWSDESK_WORKER_LOCK: '60' is not an ISO 8601 duration/],
    ['an unknown GPU mode', { ...base, NEWSDESK_WORKER_GPU: 'metal' }, /NEWSDESK_WORKER_GPU/],
    ['a tag confidence over 1', { ...base, NEWSDESK_SUMMARY_MIN_TAG_CONFIDENCE: '40' }, /NEWSDESK_SUMMARY_MIN_TAG_CONFIDENCE/],
    ['a negative object confidence', { ...base, NEWSDESK_SUMMARY_MIN_OBJECT_CONFIDENCE: '-0.1' }, /NEWSDESK_SUMMARY_MIN_OBJECT_CONFIDENCE/],
    ['no tags at all', { ...base, NEWSDESK_SUMMARY_MAX_TAGS: '0' }, /NEWSDESK_SUMMARY_MAX_TAGS/],
    ['a scene threshold of 1', { ...base, NEWSDESK_SCENE_THRESHOLD: '1' }, /NEWSDESK_SCENE_THRESHOLD/],
    ['a classifier endpoint that is not a URL', { ...base, NEWSDESK_CLASSIFIER_ENDPOINT: 'classifier' }, /NEWSDESK_CLASSIFIER_ENDPOINT/],
    [
      'an unknown classifier feature',
      { ...base, NEWSDESK_CLASSIFIER_ENDPOINT: 'http://x', NEWSDESK_CLASSIFIER_FEATURES: 'tags,faces' },
      /unknown feature\(s\) faces/,
    ],
  ];
  for (const [name, env, message] of bad) {
    it(`refuses ${name}, naming the setting`, () => {
      expect(() => loadWorkerConfig(env)).toThrow(message);
    });
  }
});
