import { describe, expect, it } from 'vitest';
import { loadVisionModels } from './load-vision-models.js';

describe('loadVisionModels with a subset', () => {
  it('loads only what is asked (here no OCR) and refuses the rest', async () => {
    const models = await loadVisionModels({ detectors: ['people', 'safety'] });
    try {
      expect([...models.detectors].sort()).toEqual(['people', 'safety']);
      const image = { data: Buffer.alloc(64 * 64 * 3, 128), width: 64, height: 64 };
      await expect(models.detect(image, new Set(['read']))).rejects.toThrow('Detectors not loaded: read');
      await expect(models.detect(image, new Set(['objects']))).rejects.toThrow('Detectors not loaded: objects');
      const grey = await models.detect(image, new Set(['people', 'safety']));
      expect(grey.people).toEqual([]);
      expect(Object.keys(grey.safety ?? {}).sort()).toEqual(['Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy']);
    } finally {
      await models.close();
    }
    await expect(models.detect({ data: Buffer.alloc(3), width: 1, height: 1 }, new Set(['safety']))).rejects.toThrow('closed');
  }, 30_000);
});
