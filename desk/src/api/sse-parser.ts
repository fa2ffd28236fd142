/** One server-sent event, as the HTML standard's parser dispatches it. */
export interface SseEvent {
  event: string;
  data: string;
  id: string | undefined;
  retry: number | undefined;
}

/**
 * The text/event-stream parser (HTML, "Parsing an event stream") for a stream read with fetch(): EventSource cannot
 * send the Authorization header. Feed it decoded text in chunks of any size; lines may end CR, LF or CRLF, even split
 * across chunks. Comments (`: keep-alive`) are skipped; an event without data is not dispatched.
 */
export function createSseParser(onEvent: (event: SseEvent) => void) {
  let buffer = '';
  let first = true;
  let event = '';
  let data: string[] = [];
  let id: string | undefined;
  let retry: number | undefined;

  const line = (text: string) => {
    if (text === '') {
      if (data.length > 0) onEvent({ event: event || 'message', data: data.join('\n'), id, retry });
      event = '';
      data = [];
      retry = undefined;
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id' && !value.includes('\0')) id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) retry = Number(value);
  };

  // A CR ends its line at once; an LF right after it (maybe in the next chunk) is the rest of a CRLF, not a blank line.
  let afterCr = false;
  return {
    push(chunk: string): void {
      buffer += chunk;
      if (first && buffer.length > 0) {
        if (buffer.startsWith('\uFEFF')) buffer = buffer.slice(1);
        first = false;
      }
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const c = buffer[i];
        if (c === '\n' && afterCr && i === start) {
          afterCr = false;
          start = i + 1;
          continue;
        }
        afterCr = false;
        if (c !== '\n' && c !== '\r') continue;
        line(buffer.slice(start, i));
        afterCr = c === '\r';
        start = i + 1;
      }
      buffer = buffer.slice(start);
    },
  };
}
