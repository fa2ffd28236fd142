import { expect, it } from 'vitest';
import { RecentBuckets } from './recent-buckets.js';

const bucket = (etag: string) => ({ etag, members: [] });

it('hands out each remembered bucket once, per partition, and forgets the oldest past its capacity', () => {
  const recent = new RecentBuckets(3);
  recent.remember(
    'client-a',
    new Map([
      ['b7.0.000', bucket('1')],
      ['b7.1.000', bucket('2')],
    ]),
  );
  recent.remember(
    'client-b',
    new Map([
      ['b7.0.000', bucket('3')],
      ['b7.1.000', bucket('4')],
    ]),
  );
  expect(recent.take('client-a', ['b7.0.000', 'b7.1.000'])).toEqual(new Map([['b7.1.000', bucket('2')]]));
  expect(recent.take('client-a', ['b7.1.000'])).toEqual(new Map());
  expect(recent.take('client-b', ['b7.0.000', 'b7.1.000', 'sha.abc'])).toEqual(
    new Map([
      ['b7.0.000', bucket('3')],
      ['b7.1.000', bucket('4')],
    ]),
  );
});
