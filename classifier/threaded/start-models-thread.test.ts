import { describe, expect, it } from 'vitest';
import { startModelsThread } from './start-models-thread.js';

// The models' thread itself (models-thread.ts, the real models) runs in test/integration/classifier-service.test.ts.
const entry = new URL('../../test/support/classifier-fake-models-thread.js', import.meta.url);
const inputs = (width: number, red = 255) => {
  const objects = { data: Buffer.alloc(width * 2 * 3, red), width, height: 2 };
  return { width, height: 2, objects };
};

describe('startModelsThread', () => {
  it('loads in the thread, then runs detections there and answers them', async () => {
    const logs: Record<string, unknown>[] = [];
    const thread = await startModelsThread({ entry, detectors: ['objects'], log: (e) => logs.push(e) });
    expect(thread.modelVersion).toBe('fake-thread-1');
    expect([...thread.detectors]).toEqual(['objects']);
    expect(thread.threadId).toBeGreaterThan(0);
    expect(logs).toEqual([{ msg: 'model loaded', model: 'fake' }]);
    const [a, b] = await Promise.all([
      thread.detect(inputs(4, 255), new Set(['objects'])),
      thread.detect(inputs(6, 51), new Set(['objects'])),
    ]);
    expect(a.objects).toEqual([{ box: { x: 0, y: 0, w: 4, h: 2 }, label: 'thing', score: 1 }]);
    expect(b.objects?.[0]?.score).toBeCloseTo(0.2);
    await thread.close();
    await expect(thread.detect(inputs(4), new Set(['objects']))).rejects.toThrow('The vision models are closed');
  });

  it("rejects with the thread's error for one call, and keeps serving", async () => {
    const thread = await startModelsThread({ entry });
    await expect(thread.detect(inputs(4), new Set(['read']))).rejects.toThrow('no OCR here');
    await expect(thread.detect(inputs(4), new Set(['objects']))).resolves.toHaveProperty('objects');
    await thread.close();
  });

  it("fails the start with the loader's reason", async () => {
    await expect(startModelsThread({ entry, detectors: ['fail-to-load' as 'objects'] })).rejects.toThrow(
      'The object model did not load: weights missing',
    );
  });

  it('rejects calls in flight and later ones, and reports the death of the thread once', async () => {
    const exits: string[] = [];
    const thread = await startModelsThread({ entry, onExit: (reason) => exits.push(reason) });
    await expect(thread.detect(inputs(13), new Set(['objects']))).rejects.toThrow("The models' thread exited (3)");
    await expect(thread.detect(inputs(4), new Set(['objects']))).rejects.toThrow("The models' thread exited (3)");
    expect(exits).toEqual(["The models' thread exited (3)"]);
    await thread.close();
  });

  it("rejects with an aborted signal's reason without sending", async () => {
    const thread = await startModelsThread({ entry });
    const reason = new Error('client gone');
    await expect(thread.detect(inputs(4), new Set(['objects']), AbortSignal.abort(reason))).rejects.toBe(reason);
    await thread.close();
  });
});
