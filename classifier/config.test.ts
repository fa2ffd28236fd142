import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadClassifierConfig } from './config.js';

const KEY = 'k'.repeat(32);

describe('loadClassifierConfig', () => {
  it('has a default for everything but the key', () => {
    const config = loadClassifierConfig({ NEWSDESK_CLASSIFIER_KEY: KEY });
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 7072,
      key: KEY,
      // One models' thread per core, and as many requests analysed at once.
      threads: availableParallelism(),
      concurrency: availableParallelism(),
      queue: 4,
      maxBytes: 20_971_520,
      maxPixels: 100_000_000,
      urlTimeoutMs: 10_000,
      detectors: undefined,
    });
    expect(config.urlAllowList.allowsAddress('127.0.0.1')).toBe(false);
  });

  it('reads every setting', () => {
    const config = loadClassifierConfig({
      NEWSDESK_CLASSIFIER_KEY: KEY,
      NEWSDESK_CLASSIFIER_HOST: '0.0.0.0',
      NEWSDESK_CLASSIFIER_PORT: '0',
      NEWSDESK_CLASSIFIER_THREADS: '3',
      NEWSDESK_CLASSIFIER_SERVICE_CONCURRENCY: '2',
      NEWSDESK_CLASSIFIER_SERVICE_QUEUE: '0',
      NEWSDESK_CLASSIFIER_MAX_BYTES: '1048576',
      NEWSDESK_CLASSIFIER_MAX_PIXELS: '4000000',
      NEWSDESK_CLASSIFIER_URL_ALLOWLIST: 'localhost,127.0.0.0/8',
      NEWSDESK_CLASSIFIER_URL_TIMEOUT: 'PT2.5S',
      NEWSDESK_CLASSIFIER_DETECTORS: 'objects, read,objects',
    });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 0,
      threads: 3,
      concurrency: 2,
      queue: 0,
      maxBytes: 1_048_576,
      maxPixels: 4_000_000,
      urlTimeoutMs: 2500,
      detectors: ['objects', 'read'],
    });
    expect(config.urlAllowList.allowsHost('localhost')).toBe(true);
    expect(config.urlAllowList.allowsAddress('127.0.0.9')).toBe(true);
  });

  const bad: [string, Record<string, string>, RegExp][] = [
    ['no key', {}, /NEWSDESK_CLASSIFIER_KEY \(the key clients send in Ocp-Apim-Subscription-Key\) is required/],
    ['a short key', { NEWSDESK_CLASSIFIER_KEY: 'short' }, /NEWSDESK_CLASSIFIER_KEY must be at least 16 characters/],
    ['a port out of range', { NEWSDESK_CLASSIFIER_KEY: KEY, NEWSDESK_CLASSIFIER_PORT: '70000' }, /NEWSDESK_CLASSIFIER_PORT/],
    [
      'a concurrency of 0',
      { NEWSDESK_CLASSIFIER_KEY: KEY, NEWSDESK_CLASSIFIER_SERVICE_CONCURRENCY: '0' },
      /NEWSDESK_CLASSIFIER_SERVICE_CONCURRENCY/,
    ],
    ['a negative queue', { NEWSDESK_CLASSIFIER_KEY: KEY, NEWSDESK_CLASSIFIER_SERVICE_QUEUE: '-1' }, /NEWSDESK_CLASSIFIER_SERVICE_QUEUE/],
    [
      'a byte limit that is not a number',
      { NEWSDESK_CLASSIFIER_KEY: KEY, NEWSDESK_CLASSIFIER_MAX_BYTES: '20MB' },
      /NEWSDESK_CLASSIFIER_MAX_BYTES/,
    ],
    [
      'a timeout that is not a duration',
      { NEWSDESK_CLASSIFIER_KEY: KEY, NEWSDESK_CLASSIFIER_URL_TIMEOUT: '10' },
      /NEWSDESK_CLASSIFIER_URL_TIMEOUT: '10' is not an ISO 8601 duration/,
    ],
    [
      'an unreadable allow-list entry',
      { NEWSDESK_CLASSIFIER_KEY: KEY, NEWSDESK_CLASSIFIER_URL_ALLOWLIST: '10.0.0.1/33' },
      /NEWSDESK_CLASSIFIER_URL_ALLOWLIST: invalid entry "10.0.0.1\/33"/,
    ],
    [
      'an unknown detector',
      { NEWSDESK_CLASSIFIER_KEY: KEY, NEWSDESK_CLASSIFIER_DETECTORS: 'objects,faces' },
      /NEWSDESK_CLASSIFIER_DETECTORS: unknown detector\(s\) faces/,
    ],
  ];
  for (const [name, env, message] of bad) {
    it(`refuses ${name}, naming the setting`, () => {
      expect(() => loadClassifierConfig(env)).toThrow(message);
    });
  }

  it('names every wrong setting at once', () => {
    expect(() => loadClassifierConfig({ NEWSDESK_CLASSIFIER_SERVICE_CONCURRENCY: 'x' })).toThrow(
      /^Invalid classifier settings — .*NEWSDESK_CLASSIFIER_KEY.*; NEWSDESK_CLASSIFIER_SERVICE_CONCURRENCY/,
    );
  });
});
