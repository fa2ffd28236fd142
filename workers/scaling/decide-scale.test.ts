import { describe, expect, it } from 'vitest';
import type { WorkerInstance, WorkerState } from '../../adapters/container-runner/container-runner.js';
import { decideScale, type ScaleInput } from './decide-scale.js';
import { ScalingPolicyError } from './scaling-policy-error.js';

const T0 = Date.parse('2026-03-01T12:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);
const worker = (id: string, state: WorkerState = 'running', startedSecond = 0): WorkerInstance => ({
  id,
  state,
  startedAt: at(startedSecond),
});

const input = (overrides: Partial<ScaleInput>): ScaleInput => ({
  backlog: 0,
  instances: [],
  min: 0,
  max: 5,
  jobsPerWorker: 10,
  idleSeconds: 60,
  now: at(1000),
  lastBusyAt: at(1000),
  ...overrides,
});

describe('decideScale: scaling out on backlog', () => {
  it('starts ceil(backlog / jobsPerWorker) workers', () => {
    expect(decideScale(input({ backlog: 25 }))).toMatchObject({ start: 3, stop: [], desired: 3 });
    expect(decideScale(input({ backlog: 1 }))).toMatchObject({ start: 1, stop: [] });
    expect(decideScale(input({ backlog: 10 }))).toMatchObject({ start: 1 });
    expect(decideScale(input({ backlog: 11 }))).toMatchObject({ start: 2 });
  });

  it('counts starting and running workers as capacity and starts only the difference', () => {
    const d = decideScale(input({ backlog: 45, instances: [worker('w-1'), worker('w-2', 'starting')] }));
    expect(d).toMatchObject({ start: 3, stop: [], desired: 5 });
  });

  it('never goes above max, and says so', () => {
    const d = decideScale(input({ backlog: 25, max: 2 }));
    expect(d).toMatchObject({ start: 2, stop: [], desired: 2 });
    expect(d.reason).toContain('capped at max 2');
    expect(decideScale(input({ backlog: 1000, max: 2, instances: [worker('w-1'), worker('w-2')] }))).toMatchObject({ start: 0, stop: [] });
  });

  it('never goes below min', () => {
    expect(decideScale(input({ backlog: 5, min: 2 }))).toMatchObject({ start: 2, desired: 2 });
    expect(decideScale(input({ backlog: 0, min: 2, lastBusyAt: undefined }))).toMatchObject({ start: 2, stop: [] });
  });

  it('does not stop running workers while jobs still wait, even if fewer would do', () => {
    const d = decideScale(input({ backlog: 3, instances: [worker('w-1'), worker('w-2'), worker('w-3')] }));
    expect(d).toMatchObject({ start: 0, stop: [], desired: 3 });
  });

  it('ignores stopping workers: they are neither capacity nor stoppable', () => {
    const d = decideScale(input({ backlog: 20, instances: [worker('w-1', 'stopping'), worker('w-2')] }));
    expect(d).toMatchObject({ start: 1, stop: [], desired: 2 });
  });
});

describe('decideScale: scaling in when idle', () => {
  const three = [worker('w-1', 'running', 0), worker('w-2', 'running', 10), worker('w-3', 'running', 20)];

  it('holds workers while the queue has been empty for less than idleSeconds', () => {
    const d = decideScale(input({ instances: three, now: at(1059), lastBusyAt: at(1000) }));
    expect(d).toMatchObject({ start: 0, stop: [], desired: 3 });
    expect(d.reason).toContain('not yet idle');
  });

  it('stops down to min once the queue has been empty for idleSeconds, newest first', () => {
    const d = decideScale(input({ instances: three, min: 1, now: at(1060), lastBusyAt: at(1000) }));
    expect(d).toMatchObject({ start: 0, stop: ['w-3', 'w-2'], desired: 1 });
    expect(d.reason).toContain('down to min 1');
  });

  it('treats a queue that was never busy as idle', () => {
    expect(decideScale(input({ instances: three, lastBusyAt: undefined }))).toMatchObject({ stop: ['w-3', 'w-2', 'w-1'], desired: 0 });
  });

  it('never stops starting workers, even when idle', () => {
    const instances = [worker('w-1', 'running', 0), worker('w-2', 'starting', 30)];
    const d = decideScale(input({ instances, now: at(2000) }));
    expect(d).toMatchObject({ start: 0, stop: ['w-1'], desired: 1 });
    expect(d.reason).toContain('1 still starting, not stopped');
  });

  it('breaks startedAt ties by id so the choice is stable', () => {
    const d = decideScale(input({ instances: [worker('w-1'), worker('w-2')], min: 1, now: at(2000) }));
    expect(d.stop).toEqual(['w-2']);
  });

  it('stops running workers above max even while jobs wait (max is the budget)', () => {
    const instances = [worker('w-1', 'running', 0), worker('w-2', 'running', 5), worker('w-3', 'starting', 9)];
    const d = decideScale(input({ backlog: 100, max: 2, instances }));
    expect(d).toMatchObject({ start: 0, stop: ['w-2'], desired: 2 });
    expect(d.reason).toContain('above max 2');
  });
});

describe('decideScale: failed workers', () => {
  it('stops a failed worker and starts a replacement when the backlog needs it', () => {
    const d = decideScale(input({ backlog: 20, instances: [worker('w-1'), worker('w-2', 'failed')] }));
    expect(d).toMatchObject({ start: 1, stop: ['w-2'], desired: 2 });
    expect(d.reason).toContain('removing 1 failed');
  });

  it('replaces failed workers up to min when the queue is empty', () => {
    const d = decideScale(input({ min: 1, instances: [worker('w-1', 'failed')] }));
    expect(d).toMatchObject({ start: 1, stop: ['w-1'], desired: 1 });
  });

  it('just removes failed workers when nothing needs them', () => {
    expect(decideScale(input({ instances: [worker('w-1', 'failed')], lastBusyAt: undefined }))).toMatchObject({
      start: 0,
      stop: ['w-1'],
      desired: 0,
    });
  });
});

describe('decideScale: an uncountable queue and bad policies', () => {
  it('holds the current count (within min and max) when the backlog is unknown (-1)', () => {
    const two = [worker('w-1'), worker('w-2')];
    expect(decideScale(input({ backlog: -1, instances: two, lastBusyAt: undefined }))).toMatchObject({ start: 0, stop: [], desired: 2 });
    expect(decideScale(input({ backlog: -1, min: 3, instances: two }))).toMatchObject({ start: 1 });
    expect(decideScale(input({ backlog: Number.NaN, instances: two }))).toMatchObject({ start: 0, stop: [] });
  });

  it('says what it saw and what it does', () => {
    expect(decideScale(input({ backlog: 25, max: 2 })).reason).toBe('backlog 25 wants 3 at 10 per worker, capped at max 2 → start 2');
    expect(decideScale(input({ backlog: 0, instances: [worker('w-1')], now: at(1005) })).reason).toBe(
      'queue empty for 5 s, not yet idle (60 s): holding 1 → no change',
    );
  });

  it.each([
    [{ min: -1 }, /min must be/],
    [{ max: 0 }, /max must be/],
    [{ min: 3, max: 2 }, /min \(3\) must not exceed max \(2\)/],
    [{ jobsPerWorker: 0 }, /jobsPerWorker/],
    [{ jobsPerWorker: 2.5 }, /jobsPerWorker/],
    [{ idleSeconds: -5 }, /idleSeconds/],
  ])('refuses the policy %j', (policy, message) => {
    expect(() => decideScale(input(policy))).toThrow(ScalingPolicyError);
    expect(() => decideScale(input(policy))).toThrow(message);
  });
});
