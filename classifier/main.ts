import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { startTelemetry } from '../adapters/telemetry/start-telemetry.js';
import { stopOnSignals } from '../lib/process/stop-on-signals.js';
import { loadClassifierConfig, type ClassifierConfig } from './config.js';
import { createClassifierServer } from './server/create-server.js';
import { startModelPool } from './threaded/model-pool.js';

// The classifier service's entry point (`node dist/classifier/main.js`): settings, models and server are wired here.
// On stdout, once listening: `CLASSIFIER_READY {"url":…,"modelVersion":…,"loadMs":…}`; logs are JSON lines.

const SHUTDOWN_GRACE_MS = 10_000;
const log = (entry: Record<string, unknown>) => console.log(JSON.stringify({ at: new Date().toISOString(), ...entry }));

let config: ClassifierConfig;
try {
  config = loadClassifierConfig(process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

const telemetry = await startTelemetry({ serviceName: 'newsdesk-classifier', settings: config.telemetry });

// libvips' operation cache would keep decoded images of past requests; a long-running service wants flat memory.
sharp.cache(false);

const loadStarted = performance.now();
const models = await startModelPool({
  threads: config.threads,
  ...(config.detectors ? { detectors: config.detectors } : {}),
  log,
  // A thread that dies is replaced; when its replacement cannot load either, the service can only fail requests:
  // exit, and let the supervisor start a fresh one.
  onCrash: (reason) => {
    log({ event: 'classifier.models-crashed', reason });
    process.exit(1);
  },
});
const loadMs = Math.round(performance.now() - loadStarted);

const server = createClassifierServer({
  models,
  modelLoadMs: loadMs,
  key: config.key,
  maxBytes: config.maxBytes,
  maxPixels: config.maxPixels,
  concurrency: config.concurrency,
  queue: config.queue,
  url: { allowList: config.urlAllowList, timeoutMs: config.urlTimeoutMs },
  log,
});
server.on('error', (error) => {
  console.error(`classifier cannot listen on ${config.host}:${config.port}: ${error.message}`);
  process.exit(1);
});
server.listen(config.port, config.host, () => {
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  const detectors = [...models.detectors];
  console.log(
    `CLASSIFIER_READY ${JSON.stringify({ url: `http://${host}:${port}`, modelVersion: models.modelVersion, loadMs, detectors, threads: models.threads, pid: process.pid })}`,
  );
});

stopOnSignals(
  async (signal) => {
    log({ event: 'classifier.stopping', signal });
    // Requests in flight finish (up to the grace period); new connections are refused from now on.
    await new Promise<void>((closed) => {
      const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      force.unref();
      server.close(() => {
        clearTimeout(force);
        closed();
      });
      server.closeIdleConnections();
    });
    await models.close();
    await telemetry.shutdown();
  },
  (error) => log({ event: 'classifier.stop-failed', reason: error.message }),
);
