import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSubscriptions, parseSubscriptions } from './subscriptions.js';

const valid = {
  subscriptions: [
    {
      name: 'start-orchestration',
      destination: { type: 'function', functionName: 'submissionReceived' },
      filter: { includedEventTypes: ['Newsdesk.Submission.Received'] },
    },
    {
      name: 'ops-webhook',
      destination: { type: 'webhook', url: 'http://127.0.0.1:7099/hooks/ops' },
      filter: { subjectBeginsWith: 'submissions/', isSubjectCaseSensitive: true },
      retryPolicy: { maxDeliveryAttempts: 5, eventTimeToLiveInMinutes: 60 },
    },
  ],
};

const withSub = (over: Record<string, unknown>): unknown => ({
  subscriptions: [{ ...valid.subscriptions[0], ...over }],
});

describe('parseSubscriptions', () => {
  it('accepts a valid file and defaults a missing filter to match-all', () => {
    const subs = parseSubscriptions({
      subscriptions: [{ name: 'all', destination: { type: 'function', functionName: 'f' } }],
    });
    expect(subs).toEqual([{ name: 'all', destination: { type: 'function', functionName: 'f' }, filter: {} }]);
    expect(parseSubscriptions(valid)).toHaveLength(2);
  });

  it.each([
    ['a misspelt filter key', withSub({ filter: { subjectBeginWith: 'x' } }), 'subscriptions[0].filter.subjectBeginWith'],
    ['an unknown destination type', withSub({ destination: { type: 'queue', name: 'q' } }), 'subscriptions[0].destination.type'],
    [
      'a webhook off this machine',
      withSub({ destination: { type: 'webhook', url: 'http://example.com/x' } }),
      'subscriptions[0].destination.url',
    ],
    ['a webhook URL that is no URL', withSub({ destination: { type: 'webhook', url: 'not a url' } }), 'subscriptions[0].destination.url'],
    [
      'a function without a name',
      withSub({ destination: { type: 'function', functionName: '' } }),
      'subscriptions[0].destination.functionName',
    ],
    ['too many attempts', withSub({ retryPolicy: { maxDeliveryAttempts: 31 } }), 'subscriptions[0].retryPolicy.maxDeliveryAttempts'],
    [
      'a zero time to live',
      withSub({ retryPolicy: { eventTimeToLiveInMinutes: 0 } }),
      'subscriptions[0].retryPolicy.eventTimeToLiveInMinutes',
    ],
    ['a bad name', withSub({ name: 'no spaces allowed' }), 'subscriptions[0].name'],
    ['event types not a list', withSub({ filter: { includedEventTypes: 'A' } }), 'subscriptions[0].filter.includedEventTypes'],
    ['a missing list', {}, 'subscriptions'],
  ])('rejects %s, naming the field', (_what, value, field) => {
    expect(() => parseSubscriptions(value, 'test.json')).toThrow(field);
  });

  it('rejects duplicate subscription names', () => {
    const dup = { subscriptions: [valid.subscriptions[0], valid.subscriptions[0]] };
    expect(() => parseSubscriptions(dup)).toThrow(/subscriptions\[1\]\.name: duplicate name "start-orchestration"/);
  });
});

describe('loadSubscriptions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eventgrid-subs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads and validates a JSON file', () => {
    const path = join(dir, 'ok.json');
    writeFileSync(path, JSON.stringify(valid));
    expect(loadSubscriptions(path).map((s) => s.name)).toEqual(['start-orchestration', 'ops-webhook']);
  });

  it('names the file and the field when validation fails', () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify(withSub({ retryPolicy: { maxDeliveryAttempts: 'many' } })));
    expect(() => loadSubscriptions(path)).toThrow(new RegExp(`${path}[\\s\\S]*subscriptions\\[0\\]\\.retryPolicy\\.maxDeliveryAttempts`));
  });

  it('reports malformed JSON and missing files with the path', () => {
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{ "subscriptions": [');
    expect(() => loadSubscriptions(path)).toThrow(path);
    expect(() => loadSubscriptions(join(dir, 'missing.json'))).toThrow('missing.json');
  });
});
