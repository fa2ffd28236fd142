import { describe, expect, it } from 'vitest';
import { parseSse } from './parse-sse.js';

async function collect(chunks: string[]) {
  const events = [];
  for await (const event of parseSse(Readable(chunks))) events.push(event);
  return events;
}
async function* Readable(chunks: string[]) {
  yield* chunks;
}

describe('parseSse', () => {
  it('reads events split anywhere across chunks, skipping comments, with any line ending', async () => {
    const stream =
      'id: 1\nevent: status\ndata: {"a":1}\n\n: keep-alive\n\nid: 2\r\nevent: status\r\ndata: {"a":2}\r\n\r\ndata: x\ndata: y\n\n';
    const expected = [
      { event: 'status', data: '{"a":1}' },
      { event: 'status', data: '{"a":2}' },
      { event: 'message', data: 'x\ny' },
    ];
    expect(await collect([stream])).toEqual(expected);
    expect(await collect(stream.split(''))).toEqual(expected);
  });

  it('drops an event the stream ended in the middle of', async () => {
    expect(await collect(['event: status\ndata: {"a":1}\n'])).toEqual([]);
  });
});
