import { randomBytes } from 'node:crypto';
import { startImageAnalysisDouble, type ImageAnalysisDouble } from './image-analysis-double/image-analysis-double.js';
import { startStack, type Stack } from './newsdesk-stack.js';
import { startReceiver } from './webhook-receiver.js';

export interface AnalysedStack {
  stack: Stack;
  classifier: ImageAnalysisDouble;
  /** The client's webhook: every delivery kept, its signature checked with `secret`. */
  hook: Awaited<ReturnType<typeof startReceiver>>;
  /** The development client's secret, in the Standard Webhooks form npm start makes: its libraries verify with it as given. */
  secret: string;
  stop(): Promise<void>;
}

/**
 * The whole pipeline as `npm start` runs it, with its own worker processes (scaled by the local container runner),
 * the Image Analysis API standing in for the classifier service, and a webhook receiver for the development client.
 */
export async function startAnalysedStack(workers: { min: number; max: number }): Promise<AnalysedStack> {
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const classifier = await startImageAnalysisDouble();
  const hook = await startReceiver(secret);
  const stack = await startStack({
    NEWSDESK_DEV_WEBHOOK_SECRET: secret,
    NEWSDESK_WORKERS_MIN: String(workers.min),
    NEWSDESK_WORKERS_MAX: String(workers.max),
    NEWSDESK_WORKERS_JOBS_PER_WORKER: '1',
    NEWSDESK_CLASSIFIER_ENDPOINT: classifier.endpoint,
    NEWSDESK_CLASSIFIER_KEY: classifier.key,
  });
  return {
    stack,
    classifier,
    hook,
    secret,
    async stop() {
      await stack.stop();
      await hook.close();
      await classifier.close();
    },
  };
}
