import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysisResult } from '../../contracts/analysis-result.js';
import { AzureBlobStore } from '../../adapters/blob-store/azure-blob-store.js';
import { BlobServiceClient } from '@azure/storage-blob';
import { startImageAnalysisDouble, type ImageAnalysisDouble } from '../support/image-analysis-double/image-analysis-double.js';
import { startStack, submitFixtures, type Stack } from '../support/newsdesk-stack.js';
import { startReceiver } from '../support/webhook-receiver.js';

const SECRET = 'pipeline-e2e-webhook-secret';
let stack: Stack;
let classifier: ImageAnalysisDouble;
let client: Awaited<ReturnType<typeof startReceiver>>;

// The whole pipeline as `npm start` runs it, with its own worker processes (scaled by the local
// container runner) and the Image Analysis API standing in for the classifier service.
beforeAll(async () => {
  classifier = await startImageAnalysisDouble();
  client = await startReceiver(SECRET);
  stack = await startStack({
    NEWSDESK_DEV_WEBHOOK_SECRET: SECRET,
    NEWSDESK_WORKERS_MIN: '1',
    NEWSDESK_WORKERS_MAX: '2',
    NEWSDESK_WORKERS_JOBS_PER_WORKER: '1',
    NEWSDESK_CLASSIFIER_ENDPOINT: classifier.endpoint,
    NEWSDESK_CLASSIFIER_KEY: classifier.key,
  });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  await client?.close();
  await classifier?.close();
});

describe('npm start runs workers that analyse what is submitted', () => {
  it('a photo and a video go from POST to one signed webhook with each file’s analysis', async () => {
    const { submissionId } = await submitFixtures(stack, `${client.url}/done`, ['police-cars.jpg', 'tears-of-steel-cuts.mp4']);

    await expect.poll(() => client.received.filter((r) => r.path === '/done').length, { timeout: 90_000, interval: 250 }).toBe(1);
    const delivery = client.received.find((r) => r.path === '/done')!;
    expect(delivery).toMatchObject({ validSignature: true, body: { submissionId, status: 'completed' } });
    const files = delivery.body.files as unknown as { state: string; result: { resultBlob: string; summary: Record<string, unknown> } }[];
    expect(files.map((f) => f.result.summary.mediaType).sort()).toEqual(['photo', 'video']);

    const blobs = new AzureBlobStore(BlobServiceClient.fromConnectionString(stack.storage));
    for (const file of files) {
      const result = analysisResult.parse(await blobs.readJson(file.result.resultBlob));
      expect(result.submissionId).toBe(submissionId);
      expect(result.classification).not.toBeNull();
    }
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
