import { describe, expect, it } from 'vitest';
import { ActionType, flattenActions, retryDelayMs, serializedInput } from './actions.js';
import { instanceIdProblem } from './instance-id.js';
import { toTimeSpan } from './time.js';
import { readOrchestratorOutcome } from './orchestrator-outcome.js';

describe('orchestrator actions', () => {
  it('numbers scheduling actions depth first, skipping waits and continueAsNew', () => {
    const a = (name: string) => ({ actionType: ActionType.CallActivity, functionName: name });
    const flat = flattenActions([
      [
        a('first'),
        {
          actionType: ActionType.WhenAny,
          compoundActions: [
            { actionType: ActionType.WaitForExternalEvent, externalEventName: 'E' },
            { actionType: ActionType.CreateTimer, fireAt: 'x' },
          ],
        },
        { actionType: ActionType.WhenAll, compoundActions: [a('b1'), a('b2')] },
        { actionType: ActionType.ContinueAsNew },
      ],
    ]);
    expect(flat.map((x) => x.functionName ?? x.actionType)).toEqual(['first', ActionType.CreateTimer, 'b1', 'b2']);
  });

  it('computes retry delays with backoff and a cap', () => {
    const options = {
      firstRetryIntervalInMilliseconds: 100,
      maxNumberOfAttempts: 5,
      backoffCoefficient: 2,
      maxRetryIntervalInMilliseconds: 500,
    };
    expect([1, 2, 3, 4].map((n) => retryDelayMs(options, n))).toEqual([100, 200, 400, 500]);
  });

  it('keeps pre-serialised string inputs and serialises other values', () => {
    expect(serializedInput('"x"')).toBe('"x"');
    expect(serializedInput({ a: 1 })).toBe('{"a":1}');
    expect(serializedInput(undefined)).toBeNull();
  });

  it('validates instance ids as DTFx does', () => {
    expect(instanceIdProblem('sub-123')).toBeUndefined();
    expect(instanceIdProblem('@x')).toMatch(/@/);
    expect(instanceIdProblem('a/b')).toMatch(/must not contain/);
    expect(instanceIdProblem('x'.repeat(257))).toMatch(/256/);
    expect(instanceIdProblem('')).toMatch(/empty/);
  });

  it('writes .NET TimeSpans for the SDK duration settings', () => {
    expect(toTimeSpan(3 * 86_400_000)).toBe('3.00:00:00.000');
    expect(toTimeSpan(90_061_500)).toBe('1.01:01:01.500');
  });

  it('reads the state out of an orchestrator failure', () => {
    const state = { isDone: false, actions: [[]], error: 'user error' };
    const outcome = readOrchestratorOutcome(undefined, new Error(`Orchestrator failed $OutOfProcData$:${JSON.stringify(state)}`));
    expect(outcome.error?.message).toBe('user error');
    expect(outcome.state?.actions).toEqual([[]]);
    expect(readOrchestratorOutcome({ nope: 1 }).error?.message).toMatch(/no orchestration state/);
  });
});
