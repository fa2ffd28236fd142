import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAzurite } from '@newsdesk/local-platform/azurite';
import { startCallbackReceiver, type RaisedEvent } from './callback-receiver.js';
import { startImageAnalysisDouble } from './image-analysis-double/image-analysis-double.js';
import { FAST_WORKER_ENV, allRunning, workerHarness } from './worker-harness.js';

/**
 * Everything a worker suite runs against: Azurite, the Image Analysis double as the classifier,
 * a stand-in for the orchestration's raise-event endpoint (answering what `respond` says), and one
 * real worker process started by the local container runner with the fast test settings.
 */
export async function startWorkerTestbed(respond?: (e: Omit<RaisedEvent, 'answered'>) => number) {
  const azurite = await startAzurite({ location: mkdtempSync(join(tmpdir(), 'azurite-worker-')) });
  const classifier = await startImageAnalysisDouble();
  const callbacks = await startCallbackReceiver(respond);
  const workerEnv = { NEWSDESK_CLASSIFIER_ENDPOINT: classifier.endpoint, NEWSDESK_CLASSIFIER_KEY: classifier.key, ...FAST_WORKER_ENV };
  const harness = workerHarness(azurite.connectionString, workerEnv);
  await harness.runner.start(1);
  await allRunning(harness.runner);
  return {
    azurite,
    classifier,
    callbacks,
    harness,
    workerEnv,
    async stop() {
      await harness.stop();
      await callbacks.close();
      await classifier.close();
      await azurite.stop();
    },
  };
}
export type WorkerTestbed = Awaited<ReturnType<typeof startWorkerTestbed>>;
