/** What an adapter's SDK throws while storage cannot be reached (Azurite stopped, an Azure outage). */
export const unreachable = (): Error =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:10000 (injected outage)'), { name: 'RestError', code: 'ECONNREFUSED' });

export interface Fault {
  /** Calls made while the fault was in place, the failed ones included. */
  calls(): number;
  restore(): void;
}

/**
 * Makes an in-memory adapter's method fail the next `times` calls as an unreachable service does, then work again
 * (`Infinity`: until restored): the outage an orchestration must ride out. Restore it when the test ends.
 */
export function failTimes<T extends object, K extends keyof T>(target: T, method: K, times: number): Fault {
  const original = target[method] as (...args: unknown[]) => Promise<unknown>;
  let calls = 0;
  target[method] = (async (...args: unknown[]) => {
    calls++;
    if (calls <= times) throw unreachable();
    return original.apply(target, args);
  }) as T[K];
  return { calls: () => calls, restore: () => void (target[method] = original as T[K]) };
}
