import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { discardBody } from './discard-body.js';

describe('discardBody', () => {
  it('reads and drops what is still sent, within the byte budget, to the end', async () => {
    const body = new PassThrough();
    discardBody(body, { bytes: 10 });
    body.end('0123456789');
    await once(body, 'end');
    expect(body.readableEnded).toBe(true);
  });

  it('destroys the stream once more than the budget arrives', async () => {
    const body = new PassThrough();
    discardBody(body, { bytes: 4 });
    body.write('01234');
    await once(body, 'close');
    expect(body.destroyed).toBe(true);
  });

  it('destroys the stream when the time runs out', async () => {
    const body = new PassThrough();
    discardBody(body, { bytes: 1000, ms: 10 });
    body.write('0');
    await once(body, 'close');
    expect(body.destroyed).toBe(true);
  });

  it('destroys at once with no budget, and swallows the error that follows', async () => {
    const body = new PassThrough();
    discardBody(body, { bytes: 0 });
    expect(body.destroyed).toBe(true);
    body.emit('error', new Error('aborted'));
  });
});
