import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost, type HostOptions, type RunningHost } from './host/host.js';
import { consoleLogger } from './host/logger.js';

export interface TestHost extends RunningHost {
  /** The throwaway data folder (keys, task hub, timer status); removed by `stop()`. */
  dataDir: string;
  masterKey: string;
}

/**
 * Serves an app folder in this process, as a test wants it: free ports, a fresh data folder, a
 * known master key and only warnings and errors logged. `stop()` stops the host and removes the
 * folder. One host per process at a time: the host hooks `@azure/functions-core` process-wide.
 */
export async function startTestHost(o: Partial<HostOptions> & { appDir: string }): Promise<TestHost> {
  const dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'local-functions-host-'));
  const masterKey = o.masterKey ?? randomBytes(24).toString('base64url');
  const remove = (): void => {
    if (!o.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  const host = await startHost({ port: 0, rpcPort: 0, logger: consoleLogger('test-host', true), ...o, dataDir, masterKey }).catch(
    (error: unknown) => {
      remove();
      throw error;
    },
  );
  return {
    ...host,
    dataDir,
    masterKey,
    async stop() {
      await host.stop();
      remove();
    },
  };
}
