import { PartHeadersTooLargeError } from './errors.js';

export interface PartHeaderLimits {
  maxHeaderPairs: number;
  maxPartHeaderBytes: number;
}

export interface PartHeaderGuard {
  /** Looks at the next bytes of the body; the first limit they break, if any. */
  push(chunk: Buffer): PartHeadersTooLargeError | undefined;
  /** Parts whose header block has ended so far: busboy must have reported as many, or it skipped some. */
  parts(): number;
}

const CR = 0x0d;
const LF = 0x0a;

/**
 * Watches the raw multipart bytes for each part's header block and reports the first one over the
 * limits. busboy 1.6 ignores its documented `headerPairs` limit and only fails a header past a
 * fixed 16 KiB (as "malformed"), so the limits are enforced here, in step with what busboy parses.
 * Part bodies are skipped with `indexOf` for the delimiter; only header bytes are looked at one by one.
 */
export function createPartHeaderGuard(boundary: string, limits: PartHeaderLimits): PartHeaderGuard {
  const delimiter = Buffer.from(`\r\n--${boundary}`, 'latin1');
  let state: 'body' | 'after-delimiter' | 'headers' | 'epilogue' = 'body';
  // Like busboy, behave as if the body started with CRLF, so the first boundary is a delimiter too.
  let carry: Buffer = Buffer.from('\r\n');
  let headerBytes = 0;
  let pairs = 0;
  let lineBytes = 0;
  let folded = false;
  let sawCR = false;
  let parts = 0;

  const push = (chunk: Buffer): PartHeadersTooLargeError | undefined => {
    const buf = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    carry = Buffer.alloc(0);
    let i = 0;
    while (i < buf.length && state !== 'epilogue') {
      if (state === 'body') {
        const at = buf.indexOf(delimiter, i);
        if (at === -1) {
          carry = Buffer.from(partialDelimiterAtEnd(buf, i, delimiter));
          return undefined;
        }
        i = at + delimiter.length;
        state = 'after-delimiter';
      } else if (state === 'after-delimiter') {
        if (buf.length - i < 2) {
          carry = Buffer.from(buf.subarray(i));
          return undefined;
        }
        if (buf[i] === 0x2d && buf[i + 1] === 0x2d) state = 'epilogue';
        else if (buf[i] === CR && buf[i + 1] === LF) {
          state = 'headers';
          headerBytes = pairs = lineBytes = 0;
          sawCR = false;
          i += 2;
        } else state = 'body'; // not a delimiter after all ("--boundaryX"): part data, as busboy reads it
      } else {
        const b = buf[i++] as number;
        if (++headerBytes > limits.maxPartHeaderBytes) {
          return new PartHeadersTooLargeError(`more than ${limits.maxPartHeaderBytes} bytes`);
        }
        if (b === LF && sawCR) {
          if (lineBytes === 0) {
            state = 'body'; // the empty line that ends the headers
            parts++;
          } else if (!folded && ++pairs > limits.maxHeaderPairs)
            return new PartHeadersTooLargeError(`more than ${limits.maxHeaderPairs} header fields`);
          lineBytes = 0;
          sawCR = false;
        } else if (b === CR) sawCR = true;
        else {
          // A line folded onto the previous one (leading space or tab) is part of the same field.
          if (lineBytes === 0) folded = b === 0x20 || b === 0x09;
          lineBytes++;
          sawCR = false;
        }
      }
    }
    return undefined;
  };
  return { push, parts: () => parts };
}

/** The longest tail of `buf[from:]` that is a proper prefix of the delimiter: it may continue in the next chunk. */
function partialDelimiterAtEnd(buf: Buffer, from: number, delimiter: Buffer): Buffer {
  for (let at = Math.max(from, buf.length - delimiter.length + 1); at < buf.length; at++) {
    if (buf[at] === CR && delimiter.subarray(0, buf.length - at).equals(buf.subarray(at))) return buf.subarray(at);
  }
  return Buffer.alloc(0);
}
