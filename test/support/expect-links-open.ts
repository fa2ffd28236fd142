import sharp from 'sharp';
import { expect } from 'vitest';
import { analysisResult } from '../../contracts/analysis-result.js';
import type { FileSummary } from '../../contracts/submission-summary.js';

/** What a link returns decodes as what it is: an image by sharp, analysis.json as JSON, the original as the file sent. */
export async function expectDecodes(url: string, response: Response, originalType: string): Promise<void> {
  const bytes = Buffer.from(await response.arrayBuffer());
  const type = response.headers.get('content-type');
  if (url.endsWith('/analysis')) {
    expect(type, url).toBe('application/json');
    expect(analysisResult.parse(JSON.parse(bytes.toString('utf8'))).fileId).toBe(url.split('/').at(-2));
  } else if (url.endsWith('/original')) {
    expect(type, url).toBe(originalType);
    if (originalType.startsWith('image/')) expect((await sharp(bytes).metadata()).format, url).toBe('jpeg');
  } else {
    const format = url.includes('/keyframe-') ? 'jpeg' : 'webp';
    expect(type, url).toBe(`image/${format}`);
    const { format: decoded, width } = await sharp(bytes).metadata();
    expect([decoded, width! > 0], url).toEqual([format, true]);
  }
}

/** Every link of the files opens with the client's key, as `curl -L -H "x-api-key: …"` opens it (a redirect to a read SAS URL), and decodes. */
export async function expectLinksOpen(files: readonly FileSummary[], apiKey: string): Promise<void> {
  for (const file of files) {
    for (const url of Object.values(file.links).flat()) {
      const asset = await fetch(url, { headers: { 'x-api-key': apiKey }, redirect: 'follow' });
      expect(asset.status, url).toBe(200);
      expect(asset.redirected, url).toBe(true);
      await expectDecodes(url, asset, file.contentType);
    }
  }
}
