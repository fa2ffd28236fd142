import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDeliveryStore, type NewDelivery } from './delivery-store.js';

const dir = mkdtempSync(join(tmpdir(), 'eventgrid-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const delivery = (eventId: string, acceptedAt: number, subscription = 'sub-a'): NewDelivery => ({
  subscription,
  schema: 'CloudEvent',
  eventId,
  event: { id: eventId, source: '/s', type: 't', specversion: '1.0', data: { ü: 'ß' } },
  acceptedAt,
});
const none = new Set<number>();

describe('openDeliveryStore', () => {
  it('keeps deliveries and their retry state across reopening the file', () => {
    const path = join(dir, 'nested', 'reopen.sqlite');
    const first = openDeliveryStore(path, 'newsdesk');
    first.insert([delivery('e1', 1_000), delivery('e2', 2_000)]);
    const [e1] = first.due(1_000, 10, none);
    first.update(e1!.id, {
      attempts: 2,
      nextAt: 5_000,
      lastError: 'HTTP 500',
      lastStatus: 500,
      deadLetterReason: null,
    });
    first.close();

    const second = openDeliveryStore(path, 'newsdesk');
    expect(second.due(4_999, 10, none).map((d) => d.eventId)).toEqual(['e2']);
    const [again] = second.due(5_000, 10, none).filter((d) => d.eventId === 'e1');
    expect(again).toMatchObject({
      attempts: 2,
      nextAt: 5_000,
      lastError: 'HTTP 500',
      lastStatus: 500,
      acceptedAt: 1_000,
      deadLetterReason: null,
    });
    expect(again?.event).toEqual(delivery('e1', 0).event);
    second.close();
  });

  it('orders due deliveries oldest first, honours the limit and skips those in flight', () => {
    const store = openDeliveryStore(':memory:', 't');
    store.insert([delivery('c', 30), delivery('a', 10), delivery('b', 20)]);
    expect(store.due(100, 2, none).map((d) => d.eventId)).toEqual(['a', 'b']);
    const a = store.due(100, 1, none)[0]!;
    expect(store.due(100, 2, new Set([a.id])).map((d) => d.eventId)).toEqual(['b', 'c']);
    expect(store.due(15, 10, none).map((d) => d.eventId)).toEqual(['a']);
    store.close();
  });

  it('reports the next due time of deliveries not in flight', () => {
    const store = openDeliveryStore(':memory:', 't');
    expect(store.nextDueAt(none)).toBeUndefined();
    store.insert([delivery('a', 10), delivery('b', 20)]);
    const [a, b] = store.due(100, 2, none);
    expect(store.nextDueAt(none)).toBe(10);
    expect(store.nextDueAt(new Set([a!.id]))).toBe(20);
    expect(store.nextDueAt(new Set([a!.id, b!.id]))).toBeUndefined();
    store.close();
  });

  it('keeps topics sharing a file apart and removes delivered rows', () => {
    const path = join(dir, 'shared.sqlite');
    const one = openDeliveryStore(path, 'one');
    const two = openDeliveryStore(path, 'two');
    one.insert([delivery('x', 1)]);
    two.insert([delivery('y', 1)]);
    expect(one.due(10, 10, none).map((d) => d.eventId)).toEqual(['x']);
    one.remove(one.due(10, 10, none)[0]!.id);
    expect(one.due(10, 10, none)).toEqual([]);
    expect(two.due(10, 10, none).map((d) => d.eventId)).toEqual(['y']);
    one.close();
    two.close();
  });

  it('inserts a batch all or nothing', () => {
    const store = openDeliveryStore(':memory:', 't');
    const broken = { ...delivery('b', 1), event: { self: undefined as unknown } } as NewDelivery;
    (broken.event as Record<string, unknown>).self = broken.event; // circular: JSON.stringify throws mid-batch
    expect(() => store.insert([delivery('a', 1), broken])).toThrow();
    expect(store.due(10, 10, none)).toEqual([]);
    store.close();
  });
});
