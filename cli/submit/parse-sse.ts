export interface SseEvent {
  event: string;
  data: string;
}

/**
 * Server-Sent Events from a body's text chunks: one event per blank-line-separated block with a `data:` line, comments
 * (`: keep-alive`) skipped. Just what the submission stream sends: `event` and `data` lines, any line ending.
 */
export async function* parseSse(chunks: AsyncIterable<string>): AsyncGenerator<SseEvent> {
  let buffer = '';
  for await (const chunk of chunks) {
    // A CR that ends a chunk may be half of a CRLF: it waits for the next chunk before it counts as a line end.
    buffer += chunk;
    const cr = buffer.endsWith('\r');
    buffer = buffer.slice(0, cr ? -1 : undefined).replace(/\r\n?/g, '\n') + (cr ? '\r' : '');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        const [, field, value] = /^([^:]*):? ?(.*)$/.exec(line) ?? [];
        if (field === 'event') event = value ?? '';
        else if (field === 'data') data.push(value ?? '');
      }
      if (data.length > 0) yield { event, data: data.join('\n') };
    }
  }
}
