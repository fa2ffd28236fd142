import { describe, expect, it } from 'vitest';
import { startModelPool } from './model-pool.js';

// The pool over stand-in threads (test/support/classifier-fake-models-thread.js): a 17-pixel-wide image holds its
// thread 400 ms and answers the thread's id; a 13-pixel-wide one kills its thread. The pool prepares the inputs with
// sharp, as in the service.
const entry = new URL('../../test/support/classifier-fake-models-thread.js', import.meta.url);
const image = (width: number) => ({ data: Buffer.alloc(width * 2 * 3, 255), width, height: 2 });
const objects = new Set(['objects'] as const);

/** Two slow detections at once: which threads ran them, and how long both took. */
async function twoSlow(pool: Awaited<ReturnType<typeof startModelPool>>) {
  const started = performance.now();
  const answers = await Promise.all([pool.detect(image(17), objects), pool.detect(image(17), objects)]);
  return { labels: answers.map((a) => a.objects?.[0]?.label), ms: performance.now() - started };
}

describe('startModelPool', () => {
  it('runs two requests at once on two threads', async () => {
    const pool = await startModelPool({ entry, threads: 2, detectors: ['objects'] });
    try {
      expect(pool.threads).toBe(2);
      const { labels } = await twoSlow(pool);
      expect(new Set(labels).size).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it('with one thread, runs them one after the other on it', async () => {
    const pool = await startModelPool({ entry, threads: 1, detectors: ['objects'] });
    try {
      const { labels, ms } = await twoSlow(pool);
      expect(new Set(labels).size).toBe(1);
      // Each holds the thread 400 ms: the second waited for the first.
      expect(ms).toBeGreaterThanOrEqual(790);
    } finally {
      await pool.close();
    }
  });

  it('fails only the requests of a thread that dies, replaces it, and serves on two threads again', async () => {
    const logs: Record<string, unknown>[] = [];
    const crashes: string[] = [];
    const pool = await startModelPool({
      entry,
      threads: 2,
      detectors: ['objects'],
      log: (e) => logs.push(e),
      onCrash: (reason) => crashes.push(reason),
    });
    try {
      const [dying, living] = await Promise.allSettled([pool.detect(image(13), objects), pool.detect(image(17), objects)]);
      expect(dying).toMatchObject({ status: 'rejected', reason: new Error("The models' thread exited (3)") });
      expect(living).toMatchObject({ status: 'fulfilled' });
      // Served meanwhile by the thread left.
      await expect(pool.detect(image(4), objects)).resolves.toHaveProperty('objects');
      await expect.poll(() => pool.threads).toBe(2);
      expect(logs.map((e) => e.event).filter(Boolean)).toEqual(['classifier.models-thread-died', 'classifier.models-thread-replaced']);
      const { labels } = await twoSlow(pool);
      expect(new Set(labels).size).toBe(2);
      expect(crashes).toEqual([]);
    } finally {
      await pool.close();
    }
  });

  it('sends each job only the detectors it runs, and merges the answers', async () => {
    const pool = await startModelPool({ entry, threads: 2 });
    try {
      // The stand-in refuses OCR: the request fails as a whole, with that job's reason.
      await expect(pool.detect(image(4), new Set(['objects', 'read']))).rejects.toThrow('no OCR here');
      expect(await pool.detect(image(4), objects)).toEqual({ objects: [{ box: { x: 0, y: 0, w: 4, h: 2 }, label: 'thing', score: 1 }] });
      await expect(pool.detect(image(4), new Set(['safety']))).rejects.toThrow('Detectors not loaded: safety');
    } finally {
      await pool.close();
    }
    await expect(pool.detect(image(4), objects)).rejects.toThrow('The vision models are closed');
  });

  it("fails the start with the loader's reason, leaving no thread behind", async () => {
    await expect(startModelPool({ entry, threads: 2, detectors: ['fail-to-load' as 'objects'] })).rejects.toThrow(
      'The object model did not load: weights missing',
    );
  });
});
