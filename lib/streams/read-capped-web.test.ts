import { describe, expect, it } from 'vitest';
import { readCappedWeb } from './read-capped-web.js';
import { TooLarge } from './too-large.js';

const stream = (parts: string[], log: string[] = []) =>
  new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = parts.shift();
      if (next === undefined) controller.close();
      else controller.enqueue(new TextEncoder().encode(next));
    },
    cancel: () => void log.push('cancelled'),
  });

describe('readCappedWeb', () => {
  it('reads a body up to the cap', async () => {
    expect((await readCappedWeb(stream(['ab', 'cd']), 4)).toString()).toBe('abcd');
  });

  it('refuses a body past the cap with TooLarge and cancels the rest', async () => {
    const log: string[] = [];
    await expect(readCappedWeb(stream(['ab', 'cd', 'e', 'never read'], log), 4)).rejects.toBeInstanceOf(TooLarge);
    expect(log).toEqual(['cancelled']);
  });

  it("rejects with the stream's own error", async () => {
    const broken = new ReadableStream<Uint8Array>({ pull: (controller) => controller.error(new Error('terminated')) });
    await expect(readCappedWeb(broken, 4)).rejects.toThrow('terminated');
  });
});
