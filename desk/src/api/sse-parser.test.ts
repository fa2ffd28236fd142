import { describe, expect, it } from 'vitest';
import { createSseParser, type SseEvent } from './sse-parser.js';

const parse = (...chunks: string[]) => {
  const events: SseEvent[] = [];
  const parser = createSseParser((e) => events.push(e));
  for (const chunk of chunks) parser.push(chunk);
  return events;
};

describe('createSseParser', () => {
  it('dispatches named events with their data, skipping keep-alive comments', () => {
    const events = parse(': keep-alive\n\nevent: submission\ndata: {"submissionId":"s_1"}\n\n: keep-alive\n\n');
    expect(events).toEqual([{ event: 'submission', data: '{"submissionId":"s_1"}', id: undefined, retry: undefined }]);
  });

  it('joins data lines with newlines and defaults the event name to message', () => {
    expect(parse('data: one\ndata: two\n\n')).toEqual([{ event: 'message', data: 'one\ntwo', id: undefined, retry: undefined }]);
  });

  it('reassembles events split across chunks anywhere, CRLF split between two chunks included', () => {
    const text = 'event: submission\r\ndata: {"a":1}\r\n\r\nevent: submission\r\ndata: {"a":2}\r\n\r\n';
    for (let cut = 1; cut < text.length; cut++) {
      const events = parse(text.slice(0, cut), text.slice(cut));
      expect(
        events.map((e) => e.data),
        `cut at ${cut}`,
      ).toEqual(['{"a":1}', '{"a":2}']);
    }
  });

  it('accepts lone CR line endings, a leading BOM and a field without a space after the colon', () => {
    expect(parse('\uFEFFevent:submission\rdata:x\r\r').map((e) => [e.event, e.data])).toEqual([['submission', 'x']]);
  });

  it('does not dispatch an event without data, nor one the stream cut short', () => {
    expect(parse('event: submission\n\n', 'data: half')).toEqual([]);
  });

  it('keeps the last event id and reads retry', () => {
    const events = parse('id: 7\nretry: 2500\ndata: a\n\ndata: b\n\n');
    expect(events.map((e) => [e.id, e.retry])).toEqual([
      ['7', 2500],
      ['7', undefined],
    ]);
  });
});
