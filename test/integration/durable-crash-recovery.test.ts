import { afterEach, describe, expect, it } from 'vitest';
import { startHostProcess, type HostProcess } from '../support/host-process.js';
import { getStatus, startOrchestration, waitForStatus } from '../support/durable-client.js';

const APP = 'test/apps/conformance';
const hosts: HostProcess[] = [];

afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.kill()));
});

async function start(dataDir?: string): Promise<HostProcess> {
  const host = await startHostProcess({ app: APP, dataDir });
  hosts.push(host);
  return host;
}

describe('crash recovery', () => {
  it('completes an orchestration with the same output after the host is killed with SIGKILL mid-run', async () => {
    const first = await start();
    await startOrchestration(first, 'slowChain', 'crash-chain');
    await expect
      .poll(
        async () =>
          (await getStatus(first, 'crash-chain', 'showHistory=true')).historyEvents?.filter((e) => e.EventType === 'TaskCompleted')
            .length ?? 0,
        { timeout: 10_000 },
      )
      .toBeGreaterThanOrEqual(2);
    await first.kill('SIGKILL');
    expect(first.child.signalCode).toBe('SIGKILL');

    const second = await start(first.dataDir);
    const done = await waitForStatus(second, 'crash-chain', ['Completed'], 20_000, 'showHistory=true');
    expect(done.output).toEqual(['step-1', 'step-2', 'step-3', 'step-4', 'step-5']);
    // Each step's result was recorded once: a replay does not schedule a step twice.
    expect(done.historyEvents?.filter((e) => e.EventType === 'TaskScheduled')).toHaveLength(5);
  });

  it('fires a durable timer that was pending while the host was down', async () => {
    const first = await start();
    await startOrchestration(first, 'approval', 'crash-timer', { timeoutMs: 1200 });
    await waitForStatus(first, 'crash-timer', ['Running']);
    await first.kill('SIGKILL');
    const second = await start(first.dataDir);
    const done = await waitForStatus(second, 'crash-timer', ['Completed']);
    expect(done.output).toEqual({ outcome: 'timed-out' });
  });

  it('refuses a second live host on the same task hub', async () => {
    const first = await start();
    await expect(startHostProcess({ app: APP, dataDir: first.dataDir })).rejects.toThrow(/task hub is in use by another host/);
  });
});
