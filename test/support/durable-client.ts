import type { HostProcess } from './host-process.js';

/** A host whose Durable HTTP API these helpers call: a host process, or the in-process test host (orchestration-testbed.ts). */
export type DurableApi = Pick<HostProcess, 'durable'>;

export interface InstanceStatus {
  name: string;
  instanceId: string;
  runtimeStatus: string;
  input: unknown;
  output: unknown;
  customStatus: unknown;
  historyEvents?: { EventType: string; EventId: number; Name?: string; FireAt?: string; Timestamp: string }[];
}

/** Starts an orchestration through the public Durable HTTP API. */
export async function startOrchestration(host: DurableApi, name: string, instanceId: string, input?: unknown): Promise<Response> {
  return fetch(host.durable(`orchestrators/${name}/${encodeURIComponent(instanceId)}`), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: input === undefined ? '' : JSON.stringify(input),
  });
}

export async function getStatus(host: DurableApi, instanceId: string, query = ''): Promise<InstanceStatus> {
  const res = await fetch(host.durable(`instances/${encodeURIComponent(instanceId)}`, query));
  if (res.status !== 200 && res.status !== 202) throw new Error(`status ${res.status} for ${instanceId}`);
  return (await res.json()) as InstanceStatus;
}

/** Polls until the instance reaches one of the statuses (or fails the test after `timeoutMs`). */
export async function waitForStatus(
  host: DurableApi,
  instanceId: string,
  statuses: string[],
  timeoutMs = 20_000,
  query = '',
): Promise<InstanceStatus> {
  const deadline = Date.now() + timeoutMs;
  let last: InstanceStatus | undefined;
  while (Date.now() < deadline) {
    last = await getStatus(host, instanceId, query).catch(() => undefined);
    if (last && statuses.includes(last.runtimeStatus)) return last;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`instance ${instanceId} did not reach ${statuses.join('/')}; last: ${JSON.stringify(last)}`);
}

export async function raiseEvent(host: DurableApi, instanceId: string, event: string, data: unknown): Promise<Response> {
  return fetch(host.durable(`instances/${encodeURIComponent(instanceId)}/raiseEvent/${event}`), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(data),
  });
}

export async function post(host: DurableApi, path: string, query = ''): Promise<Response> {
  return fetch(host.durable(path, query), { method: 'POST' });
}
