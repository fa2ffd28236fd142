import { prepareModelInputs, type ModelInputs } from '../models/prepare-model-inputs.js';
import type { DecodedImage, Detections, Detector, VisionModels } from '../models/vision-models.js';
import { startModelsThread, type ModelsThread, type ModelsThreadOptions } from './start-models-thread.js';

export interface ModelPoolOptions extends Omit<ModelsThreadOptions, 'onExit'> {
  /** Threads, each with its own copy of the models (tfjs' WebAssembly runs on one core per thread). */
  threads: number;
  /** Called when a dead thread's replacement does not load either: the service cannot serve, the process should restart. */
  onCrash?: (reason: string) => void;
}

export interface ModelPool extends VisionModels {
  /** Threads serving now (fewer while a dead one's replacement loads). */
  readonly threads: number;
}

/**
 * One image's work, split by the queue it waits in inside a thread: tfjs runs one model at a time per thread, OCR in
 * its own worker beside it. Different jobs of one image go to different threads, so a single image uses the cores as
 * a full pool does; each job carries only the inputs its models take.
 */
const JOBS = [
  { lane: 'tf', detectors: ['objects', 'people'], inputs: ['objects', 'faces'] },
  { lane: 'tf', detectors: ['safety'], inputs: ['safety'] },
  { lane: 'ocr', detectors: ['read'], inputs: ['image'] },
] as const satisfies readonly { lane: string; detectors: readonly Detector[]; inputs: readonly (keyof ModelInputs)[] }[];
type Lane = (typeof JOBS)[number]['lane'];

/**
 * The models in a pool of threads, sized to the cores. The request path decodes once and prepareModelInputs resizes
 * once (sharp, off the event loop); each job goes to the thread with the fewest jobs in its queue. A thread that dies
 * fails only its jobs in flight (the requests answer 500) and is replaced; the service keeps serving on the others.
 */
export async function startModelPool(options: ModelPoolOptions): Promise<ModelPool> {
  if (!Number.isInteger(options.threads) || options.threads < 1) throw new RangeError('threads must be a whole number ≥ 1');
  const log = options.log ?? (() => undefined);
  const busy = new Map<ModelsThread, Record<Lane, number>>();
  let waiters: (() => void)[] = [];
  let closing = false;

  const start = async (): Promise<ModelsThread> => {
    const thread: ModelsThread = await startModelsThread({ ...options, onExit: (reason) => void replace(thread, reason) });
    return thread;
  };
  const add = (thread: ModelsThread) => {
    busy.set(thread, { tf: 0, ocr: 0 });
    for (const wake of waiters) wake();
    waiters = [];
  };
  const replace = async (dead: ModelsThread, reason: string) => {
    busy.delete(dead);
    log({ event: 'classifier.models-thread-died', threadId: dead.threadId, reason, serving: busy.size });
    if (closing) return;
    try {
      const thread = await start();
      if (closing) await thread.close();
      else add(thread);
      log({ event: 'classifier.models-thread-replaced', threadId: thread.threadId, serving: busy.size });
    } catch (error) {
      options.onCrash?.(`${reason}; its replacement did not start: ${(error as Error).message}`);
    }
  };

  const first = await Promise.allSettled(Array.from({ length: options.threads }, start));
  const failed = first.find((outcome) => outcome.status === 'rejected');
  if (failed) {
    await Promise.all(first.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value.close() : undefined)));
    throw failed.reason;
  }
  const threads = first.map((outcome) => (outcome as PromiseFulfilledResult<ModelsThread>).value);
  for (const thread of threads) add(thread);
  const [{ modelVersion, detectors }] = threads as [ModelsThread];

  /** The thread with the fewest jobs in `lane`'s queue, then the fewest in all; waits while none serves. */
  const leastBusy = async (lane: Lane, signal?: AbortSignal): Promise<ModelsThread> => {
    while (busy.size === 0) {
      if (closing) throw new Error('The vision models are closed');
      await new Promise<void>((wake) => waiters.push(wake));
      signal?.throwIfAborted();
    }
    const load = (thread: ModelsThread) => {
      const queues = busy.get(thread) as Record<Lane, number>;
      return queues[lane] * 1000 + queues.tf + queues.ocr;
    };
    return [...busy.keys()].reduce((best, thread) => (load(thread) < load(best) ? thread : best));
  };

  const run = async (job: (typeof JOBS)[number], inputs: ModelInputs, wanted: Set<Detector>, signal?: AbortSignal) => {
    const thread = await leastBusy(job.lane, signal);
    const queues = busy.get(thread) as Record<Lane, number>;
    const part: ModelInputs = { width: inputs.width, height: inputs.height };
    for (const name of job.inputs) if (inputs[name]) part[name] = inputs[name] as DecodedImage;
    queues[job.lane]++;
    try {
      return await thread.detect(part, wanted, signal);
    } finally {
      queues[job.lane]--;
    }
  };

  return {
    modelVersion,
    detectors,
    get threads() {
      return busy.size;
    },
    async detect(image: DecodedImage, wanted: ReadonlySet<Detector>, signal?: AbortSignal): Promise<Detections> {
      if (closing) throw new Error('The vision models are closed');
      const missing = [...wanted].filter((detector) => !detectors.has(detector));
      if (missing.length > 0) throw new Error(`Detectors not loaded: ${missing.join(', ')}`);
      const inputs = await prepareModelInputs(image, wanted);
      const parts = JOBS.map((job) => ({ job, wanted: new Set(job.detectors.filter((d) => wanted.has(d))) }))
        .filter((part) => part.wanted.size > 0)
        .map((part) => run(part.job, inputs, part.wanted, signal));
      return Object.assign({}, ...(await Promise.all(parts))) as Detections;
    },
    async close() {
      if (closing) return;
      closing = true;
      for (const wake of waiters) wake();
      await Promise.all([...busy.keys()].map((thread) => thread.close()));
    },
  };
}
