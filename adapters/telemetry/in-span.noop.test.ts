import { expect, it } from 'vitest';
import { inSpan } from './in-span.js';
import { currentTraceparent, withTraceHeaders } from './traceparent.js';

// This file never starts telemetry: the code it instruments must behave exactly as without it.
it('without telemetry, spans are plain calls and nothing is propagated', async () => {
  await expect(inSpan('x', { parent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' }, async () => 42)).resolves.toBe(42);
  expect(currentTraceparent()).toBeUndefined();
  expect(withTraceHeaders({ a: 'b' })).toEqual({ a: 'b' });
});
