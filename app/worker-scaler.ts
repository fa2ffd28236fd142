import { app, type InvocationContext } from '@azure/functions';
import type { TokenCredential } from '@azure/identity';
import { AciContainerRunner, type AciContainerRunnerOptions } from '../adapters/container-runner/aci-container-runner.js';
import { startAutoscaler, type Autoscaler } from '../workers/scaling/autoscaler.js';
import type { WorkerScalerConfig } from './worker-scaler-config.js';

/**
 * The Azure side of the worker pool: the same autoscaler the local runner uses, driving container
 * groups on ACI through ARM. It ticks from a timer function rather than its own interval, so it
 * runs where the function app runs and stops with it. `waitForProvisioning: false`: a GPU group
 * takes minutes to provision, and the tick must not hold the timer that long.
 */
export function createWorkerScaler(
  config: WorkerScalerConfig,
  deps: { credential: TokenCredential; queue: { depth(): Promise<number> }; clientOptions?: AciContainerRunnerOptions['clientOptions'] },
): Autoscaler {
  const runner = new AciContainerRunner(deps.credential, {
    subscriptionId: config.subscriptionId,
    resourceGroup: config.resourceGroup,
    location: config.location,
    namePrefix: config.namePrefix,
    image: config.image,
    // The workers' own identity: never the app's, which reads Key Vault and the task hub (docs/security.md).
    identityId: config.identity.id,
    registry: config.registry,
    cpu: config.cpu,
    memoryInGB: config.memoryInGB,
    gpu: config.gpu,
    environment: config.environment,
    secureEnvironment: config.secureEnvironment,
    endpoint: config.armEndpoint,
    waitForProvisioning: false,
    clientOptions: deps.clientOptions,
  });
  return startAutoscaler({ queue: deps.queue, runner, policy: config.policy, intervalMs: 0, log: consoleLog });
}

const consoleLog = {
  info: (message: string, fields?: Record<string, unknown>) => console.log(`[scaler] ${message}`, fields ?? ''),
  warn: (message: string, fields?: Record<string, unknown>) => console.warn(`[scaler] ${message}`, fields ?? ''),
  error: (message: string, fields?: Record<string, unknown>) => console.error(`[scaler] ${message}`, fields ?? ''),
};

export function registerWorkerScaler(scaler: Autoscaler): void {
  app.timer('scaleWorkers', {
    schedule: '*/30 * * * * *',
    handler: async (_timer: unknown, context: InvocationContext) => {
      const decision = await scaler.tick();
      if (decision.start > 0 || decision.stop.length > 0) context.log(`workers: ${decision.reason}`);
    },
  });
}
