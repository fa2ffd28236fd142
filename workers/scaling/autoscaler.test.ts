import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WorkerInstance } from '../../adapters/container-runner/container-runner.js';
import { InMemoryContainerRunner } from '../../adapters/container-runner/in-memory-container-runner.js';
import { startAutoscaler, type Autoscaler, type AutoscalerOptions, type ScalingLog } from './autoscaler.js';
import { ScalingPolicyError } from './scaling-policy-error.js';

type Line = { level: 'info' | 'warn' | 'error'; message: string; fields?: Record<string, unknown> };
const recordingLog = () => {
  const lines: Line[] = [];
  const log: ScalingLog = {
    info: (message, fields) => lines.push({ level: 'info', message, fields }),
    warn: (message, fields) => lines.push({ level: 'warn', message, fields }),
    error: (message, fields) => lines.push({ level: 'error', message, fields }),
  };
  return { log, lines };
};

/** A runner whose next calls can be made to fail or to wait, around the in-memory one. */
class ScriptedRunner extends InMemoryContainerRunner {
  listCalls = 0;
  failStart: Error | undefined;
  failList: Error | undefined;
  gate: Promise<void> | undefined;
  override async list(): Promise<WorkerInstance[]> {
    this.listCalls++;
    if (this.failList) throw this.failList;
    await this.gate;
    return super.list();
  }
  override async start(count: number): Promise<WorkerInstance[]> {
    if (this.failStart) {
      const error = this.failStart;
      this.failStart = undefined;
      throw error;
    }
    return super.start(count);
  }
}

const policy = { min: 0, max: 3, jobsPerWorker: 10, idleSeconds: 60 };
let scaler: Autoscaler | undefined;
afterEach(async () => {
  await scaler?.stop();
  scaler = undefined;
  vi.useRealTimers();
});

function setUp(overrides: Partial<AutoscalerOptions> = {}) {
  let now = Date.parse('2026-03-01T12:00:00Z');
  let depth = 0;
  const runner = new ScriptedRunner({ clock: () => new Date(now) });
  const { log, lines } = recordingLog();
  scaler = startAutoscaler({
    queue: { depth: async () => depth },
    runner,
    policy,
    intervalMs: 0,
    log,
    clock: () => new Date(now),
    ...overrides,
  });
  return {
    scaler,
    runner,
    lines,
    setDepth: (n: number) => (depth = n),
    advance: (seconds: number) => (now += seconds * 1000),
  };
}

describe('startAutoscaler', () => {
  it('starts workers for a backlog, capped at max, and logs the decision', async () => {
    const { scaler, runner, lines, setDepth } = setUp();
    setDepth(45);
    const decision = await scaler.tick();
    expect(decision).toMatchObject({ start: 3, stop: [], desired: 3 });
    expect(await runner.list()).toHaveLength(3);
    expect(lines).toContainEqual(expect.objectContaining({ level: 'info', message: expect.stringContaining('capped at max 3 → start 3') }));
    expect(scaler.snapshot()).toMatchObject({ ticks: 1, lastBacklog: 45, ticking: false, lastError: undefined });
  });

  it('stops workers only after the queue has been empty for idleSeconds, down to min', async () => {
    const { scaler, runner, setDepth, advance } = setUp({ policy: { ...policy, min: 1 } });
    setDepth(30);
    await scaler.tick();
    setDepth(0);
    advance(30);
    expect(await scaler.tick()).toMatchObject({ start: 0, stop: [] });
    advance(31);
    expect((await scaler.tick()).stop).toHaveLength(2);
    expect(await runner.list()).toHaveLength(1);
  });

  it('gives workers found at start-up one idle period before stopping them', async () => {
    const runner = new InMemoryContainerRunner();
    await runner.start(2);
    let now = 0;
    const { log } = recordingLog();
    scaler = startAutoscaler({ queue: { depth: async () => 0 }, runner, policy, intervalMs: 0, log, clock: () => new Date(now) });
    expect((await scaler.tick()).stop).toEqual([]);
    now += 60_000;
    expect((await scaler.tick()).stop).toHaveLength(2);
  });

  it('replaces a failed worker', async () => {
    const { scaler, runner, setDepth } = setUp();
    setDepth(10);
    const [first] = await runner.start(1);
    runner.setState(first!.id, 'failed');
    expect(await scaler.tick()).toMatchObject({ start: 1, stop: [first!.id] });
    const after = await runner.list();
    expect(after.map((w) => w.state)).toEqual(['running']);
    expect(after[0]!.id).not.toBe(first!.id);
  });

  it('never runs two ticks at once: a tick asked for meanwhile shares the running one', async () => {
    const { scaler, runner, setDepth } = setUp();
    setDepth(10);
    let open!: () => void;
    runner.gate = new Promise<void>((resolve) => (open = resolve));
    const a = scaler.tick();
    const b = scaler.tick();
    expect(scaler.snapshot().ticking).toBe(true);
    open();
    expect(await a).toBe(await b);
    expect(runner.listCalls).toBe(1);
    expect(await runner.list()).toHaveLength(1);
  });

  it('survives a runner that fails to start: logs it, and the next tick tries again', async () => {
    const { scaler, runner, lines, setDepth } = setUp();
    setDepth(20);
    runner.failStart = new Error('quota exceeded');
    expect(await scaler.tick()).toMatchObject({ start: 2 });
    expect(await runner.list()).toEqual([]);
    expect(scaler.snapshot().lastError).toBe('Error: quota exceeded');
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 'error', fields: expect.objectContaining({ count: 2, error: 'Error: quota exceeded' }) }),
    );
    expect(await scaler.tick()).toMatchObject({ start: 2 });
    expect(await runner.list()).toHaveLength(2);
    expect(scaler.snapshot().lastError).toBeUndefined();
  });

  it('survives a runner that cannot list: nothing is applied that tick', async () => {
    const { scaler, runner, lines, setDepth } = setUp();
    setDepth(20);
    runner.failList = new Error('ARM unreachable');
    expect(await scaler.tick()).toMatchObject({ start: 0, stop: [], reason: expect.stringContaining('ARM unreachable') });
    expect(lines.at(-1)).toMatchObject({ level: 'error' });
    runner.failList = undefined;
    expect(await scaler.tick()).toMatchObject({ start: 2 });
  });

  it('logs a steady state once, not every tick, while the queue waits out its idle period', async () => {
    const { scaler, lines, setDepth, advance } = setUp();
    setDepth(10);
    await scaler.tick();
    await scaler.tick();
    const count = lines.length;
    await scaler.tick();
    setDepth(5);
    await scaler.tick();
    expect(lines.length).toBe(count);
    setDepth(0);
    for (const seconds of [10, 10, 10]) {
      advance(seconds);
      await scaler.tick();
    }
    expect(lines.slice(count).map((l) => l.message)).toEqual([
      'autoscaler: queue empty for 10 s, not yet idle (60 s): holding 1 → no change',
    ]);
  });

  it('ticks on its own timer, one after the other, and stops ticking when stopped', async () => {
    vi.useFakeTimers();
    const { scaler, runner, setDepth } = setUp({ intervalMs: 1000 });
    setDepth(10);
    await vi.advanceTimersByTimeAsync(0);
    expect(scaler.snapshot().ticks).toBe(1);
    expect(await runner.list()).toHaveLength(1);
    setDepth(30);
    await vi.advanceTimersByTimeAsync(1000);
    expect(scaler.snapshot().ticks).toBe(2);
    expect(await runner.list()).toHaveLength(3);
    await scaler.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(scaler.snapshot()).toMatchObject({ ticks: 2, stopped: true });
    await expect(scaler.tick()).rejects.toThrow('stopped');
  });

  it('refuses a policy it cannot follow before doing anything', () => {
    const runner = new ScriptedRunner();
    expect(() =>
      startAutoscaler({ queue: { depth: async () => 0 }, runner, policy: { ...policy, min: 4 }, intervalMs: 0, log: recordingLog().log }),
    ).toThrow(ScalingPolicyError);
    expect(runner.listCalls).toBe(0);
  });
});
