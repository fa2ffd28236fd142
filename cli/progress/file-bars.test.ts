import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fileBars } from './file-bars.js';

const capture = (tty: boolean) => {
  const stream = Object.assign(
    new PassThrough(),
    tty ? { isTTY: true, columns: 100, cursorTo: () => true, clearLine: () => true, moveCursor: () => true } : {},
  );
  let text = '';
  stream.on('data', (c: Buffer) => (text += c.toString()));
  return { stream, text: () => text };
};

describe('fileBars', () => {
  it('on a pipe, writes one closing line per file and no unfilled bar template', () => {
    const out = capture(false);
    const bars = fileBars(out.stream, 'bytes');
    bars.add('a.jpg', 1000).increment(1000);
    bars.add('b.mp4', 4, 1).increment(2);
    bars.stop();
    expect(out.text()).toBe('a.jpg: 1000/1000 bytes, done\nb.mp4: 3/4 bytes\n');
  });

  it('on a terminal, draws named bars and ends with the same closing lines', () => {
    const out = capture(true);
    const bars = fileBars(out.stream, 'blocks');
    const bar = bars.add('clip.mp4', 10, 4);
    bar.increment(6);
    bars.stop();
    expect(out.text()).not.toContain('{name}');
    expect(out.text()).toContain('clip.mp4: 10/10 blocks, done\n');
  });
});
