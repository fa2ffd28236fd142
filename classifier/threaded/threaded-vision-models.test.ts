import { describe, expect, it } from 'vitest';
import { startThreadedVisionModels } from './threaded-vision-models.js';

// The models' thread itself (models-thread.ts, the real models) runs in test/integration/classifier-service.test.ts.
const entry = new URL('../../test/support/classifier-fake-models-thread.js', import.meta.url);
const image = (width: number, red = 255) => ({ data: Buffer.alloc(width * 2 * 3, red), width, height: 2 });

describe('startThreadedVisionModels', () => {
  it('loads in the thread, then runs detections there and answers them', async () => {
    const logs: Record<string, unknown>[] = [];
    const models = await startThreadedVisionModels({ entry, detectors: ['objects'], log: (e) => logs.push(e) });
    expect(models.modelVersion).toBe('fake-thread-1');
    expect([...models.detectors]).toEqual(['objects']);
    expect(logs).toEqual([{ msg: 'model loaded', model: 'fake' }]);
    const [a, b] = await Promise.all([
      models.detect(image(4, 255), new Set(['objects'])),
      models.detect(image(6, 51), new Set(['objects'])),
    ]);
    expect(a.objects).toEqual([{ box: { x: 0, y: 0, w: 4, h: 2 }, label: 'thing', score: 1 }]);
    expect(b.objects?.[0]?.score).toBeCloseTo(0.2);
    await models.close();
    await expect(models.detect(image(4), new Set(['objects']))).rejects.toThrow('The vision models are closed');
  });

  it("rejects with the thread's error for one call, and keeps serving", async () => {
    const models = await startThreadedVisionModels({ entry });
    await expect(models.detect(image(4), new Set(['read']))).rejects.toThrow('no OCR here');
    await expect(models.detect(image(4), new Set(['objects']))).resolves.toHaveProperty('objects');
    await models.close();
  });

  it("fails the start with the loader's reason", async () => {
    await expect(startThreadedVisionModels({ entry, detectors: ['fail-to-load' as 'objects'] })).rejects.toThrow(
      'The object model did not load: weights missing',
    );
  });

  it('rejects calls in flight and reports a crash of the thread', async () => {
    const crashes: string[] = [];
    const models = await startThreadedVisionModels({ entry, onCrash: (reason) => crashes.push(reason) });
    await expect(models.detect(image(13), new Set(['objects']))).rejects.toThrow("The models' thread exited (3)");
    expect(crashes).toEqual(["The models' thread exited (3)"]);
  });

  it("rejects with an aborted signal's reason without sending", async () => {
    const models = await startThreadedVisionModels({ entry });
    const reason = new Error('client gone');
    await expect(models.detect(image(4), new Set(['objects']), AbortSignal.abort(reason))).rejects.toBe(reason);
    await models.close();
  });
});
