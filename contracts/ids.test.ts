import { describe, expect, it } from 'vitest';
import * as ids from './ids.js';

// These strings are durable: receivers dedupe on delivery ids, running instances are addressed by
// their ids and stored blobs by their names. A change here orphans what is already in flight.
describe('derived ids', () => {
  it('name the orchestration instances', () => {
    expect(ids.submissionInstanceId('s1')).toBe('s1');
    expect(ids.fileInstanceId('s1', 'f2')).toBe('s1.f2');
    expect(ids.cancelInstanceId('s1')).toBe('s1.cancel');
    expect(ids.redeliverInstanceId('s1.3')).toBe('s1.3');
  });

  it('give a job the id of the instance it answers', () => {
    expect(ids.jobIdOf('s1', 'f2')).toBe(ids.fileInstanceId('s1', 'f2'));
  });

  it('number deliveries and name the cancellation notice', () => {
    expect(ids.deliveryIdOf('s1', 1)).toBe('s1.1');
    expect(ids.deliveryIdOf('s1', 2)).toBe('s1.2');
    expect(ids.cancelledDeliveryId('s1')).toBe('s1.cancelled');
  });

  it('name events once per occurrence', () => {
    expect(ids.receivedEventId('s1')).toBe('s1');
    expect(ids.escalatedEventId('s1', 'f2')).toBe('s1.f2.escalated');
    expect(ids.deadLetteredEventId('s1.1')).toBe('s1.1.dead-lettered');
  });

  it('name blobs under the submission', () => {
    expect(ids.incomingBlobOf('s1', 'f2')).toBe('incoming/s1/f2');
    expect(ids.incomingBlobOf('s1', 'f2').startsWith(ids.incomingPrefix('s1'))).toBe(true);
    expect(ids.summaryBlobOf('s1')).toBe('results/s1/summary.json');
    expect(ids.resultBlobOf('s1', 'f2')).toBe('results/s1/f2/analysis.json');
    expect(ids.resultPrefix('s1', 'f2').startsWith(ids.resultsPrefix('s1'))).toBe(true);
  });

  it('refuse an id that would widen a prefix to other submissions (prefixes are deleted whole)', () => {
    for (const bad of ['', 'a/b'] as const) {
      expect(() => ids.incomingPrefix(bad)).toThrow(RangeError);
      expect(() => ids.resultsPrefix(bad)).toThrow(RangeError);
      expect(() => ids.resultPrefix('s1', bad)).toThrow(RangeError);
    }
  });
});
