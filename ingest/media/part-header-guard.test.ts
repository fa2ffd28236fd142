import { describe, expect, it } from 'vitest';
import { PartHeadersTooLargeError } from './errors.js';
import { createPartHeaderGuard } from './part-header-guard.js';

const B = 'bnd';
const part = (headers: string[], body: string) => `--${B}\r\n${headers.join('\r\n')}\r\n\r\n${body}\r\n`;
// Bodies that contain near-delimiters ("\r\n--bn", "--bnd" without CRLF before it) to trip a naive scanner.
const BODY = [
  part(['Content-Disposition: form-data; name="a"'], 'one\r\n--bn\r\n--b'),
  part(['Content-Disposition: form-data; name="b"; filename="b.jpg"', 'Content-Type: image/jpeg'], '--bnd in the middle of a line'),
  part(['Content-Disposition: form-data; name="c"', 'X-Folded: first', '\tsecond'], ''),
  `--${B}--\r\nepilogue\r\n--${B}\r\nX: not a part\r\n\r\n`,
].join('');

function feed(text: string, chunkSize: number, limits = { maxHeaderPairs: 2, maxPartHeaderBytes: 200 }) {
  const guard = createPartHeaderGuard(B, limits);
  const data = Buffer.from(text);
  for (let at = 0; at < data.length; at += chunkSize) {
    const problem = guard.push(data.subarray(at, at + chunkSize));
    if (problem) return { problem, parts: guard.parts() };
  }
  return { problem: undefined, parts: guard.parts() };
}

describe('createPartHeaderGuard', () => {
  it.each([1, 2, 3, 5, 8, 13, 1000])('counts every part and nothing in bodies or the epilogue, in chunks of %i', (size) => {
    expect(feed(BODY, size)).toEqual({ problem: undefined, parts: 3 });
  });

  it.each([1, 4, 7, 1000])('finds a part with too many header fields, in chunks of %i', (size) => {
    const text = part(['A: 1'], 'x') + part(['A: 1', 'B: 2', 'C: 3'], 'y');
    const { problem, parts } = feed(text, size);
    expect(problem).toBeInstanceOf(PartHeadersTooLargeError);
    expect(problem?.message).toContain('more than 2 header fields');
    expect(parts).toBe(1);
  });

  it('counts header bytes up to and including the blank line', () => {
    const headers = ['Content-Disposition: form-data; name="a"'];
    const size = Buffer.byteLength(`${headers.join('\r\n')}\r\n\r\n`);
    expect(feed(part(headers, 'x'), 3, { maxHeaderPairs: 5, maxPartHeaderBytes: size }).problem).toBeUndefined();
    expect(feed(part(headers, 'x'), 3, { maxHeaderPairs: 5, maxPartHeaderBytes: size - 1 }).problem?.message).toContain(
      `${size - 1} bytes`,
    );
  });
});
