import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysisResult } from '../../contracts/analysis-result.js';
import type { VideoAnalysis } from '../../contracts/file-analysis.js';
import { AzureBlobStore } from '../../adapters/blob-store/azure-blob-store.js';
import { BlobServiceClient } from '@azure/storage-blob';
import { startAnalysedStack, type AnalysedStack } from '../support/analysed-stack.js';
import { expectLinksOpen } from '../support/expect-links-open.js';
import { submitFixtures, type Stack } from '../support/newsdesk-stack.js';
import { fixture } from '../support/fixtures.js';
import { ROOT } from '../support/root.js';

// The whole pipeline as `npm start` runs it, with its own worker processes and the Image Analysis API as classifier.
let bed: AnalysedStack;
let stack: Stack;
let client: AnalysedStack['hook'];
let secret: string;

beforeAll(async () => {
  bed = await startAnalysedStack({ min: 1, max: 2 });
  ({ stack, hook: client, secret } = bed);
}, 120_000);
afterAll(() => bed?.stop());

describe('npm start runs workers that analyse what is submitted', () => {
  it('photos and a video go from POST to one signed webhook with each file’s analysis, as the published schema says', async () => {
    const fixtures = ['police-cars.jpg', 'tears-of-steel-cuts.mp4', 'squirrel-exif-iptc.jpg'];
    const { submissionId, files: submitted } = await submitFixtures(stack, `${client.url}/done`, fixtures);

    await expect.poll(() => client.received.filter((r) => r.path === '/done').length, { timeout: 90_000, interval: 250 }).toBe(1);
    const delivery = client.received.find((r) => r.path === '/done')!;
    expect(delivery).toMatchObject({ validSignature: true, summaryIssues: null, body: { submissionId, status: 'completed' } });
    // Standard Webhooks: verified by its own package, with the client's secret and nothing else.
    expect(new Webhook(secret).verify(delivery.rawBody, delivery.headers as Record<string, string>)).toEqual(delivery.body);
    const [police, tears, squirrel] = delivery.body.files!;
    expect(police).toMatchObject({
      sha256: createHash('sha256').update(fixture('police-cars.jpg')).digest('hex'),
      analysis: { mediaType: 'photo', classified: true, camera: { make: 'Canon' } },
    });
    expect(squirrel!.analysis).toMatchObject({ byline: 'Patrik', description: 'Squirrel at berkely', gps: { altitude: 90 } });
    const video = tears!.analysis as VideoAnalysis;
    expect(video).toMatchObject({ mediaType: 'video', durationSeconds: expect.closeTo(10, 0), hasAudio: false });
    expect(video.labels[0]?.ranges.length).toBeGreaterThan(0);
    expect(tears!.links.keyframes).toHaveLength(video.keyframeCount);

    const blobs = new AzureBlobStore(BlobServiceClient.fromConnectionString(stack.storage));
    for (const file of submitted) {
      const result = analysisResult.parse(await blobs.readJson(`results/${submissionId}/${file.fileId}/analysis.json`));
      expect(result.submissionId).toBe(submissionId);
      expect(result.classification).not.toBeNull();
    }
    await expectLinksOpen(delivery.body.files!, stack.apiKey);
    // The same file through the results API: the webhook's fields and the complete analysis.json.
    const fileUrl = `${stack.url}/api/submissions/${submissionId}/files/${tears!.fileId}`;
    const fileView = (await (await fetch(fileUrl, { headers: { 'x-api-key': stack.apiKey } })).json()) as Record<string, unknown>;
    expect(fileView).toMatchObject({ state: 'completed', analysis: tears!.analysis, links: tears!.links, result: { mediaType: 'video' } });
    expect((fileView.result as { keyframes: unknown[] }).keyframes).toHaveLength(video.keyframeCount);
    // The schema deliveries are checked against is the one the stack publishes.
    const schema = await fetch(`${stack.url}/api/schemas/submission-summary.v1.json`);
    expect(schema.headers.get('content-type')).toBe('application/schema+json');
    expect(await schema.text()).toBe(readFileSync(join(ROOT, 'docs/schemas/submission-summary.v1.json'), 'utf8'));
    // The local container runner reports what runs.
    const running = () => {
      try {
        const report = JSON.parse(readFileSync(join(stack.dataDir, 'workers.json'), 'utf8')) as { workers: { state: string }[] };
        return report.workers.filter((w) => w.state === 'running').length;
      } catch {
        return 0; // not written yet
      }
    };
    await expect.poll(running, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    expect(stack.output()).toMatch(/Workers: +1–2 processes/);
  });
});
