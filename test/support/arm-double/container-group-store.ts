import { randomUUID } from 'node:crypto';
import { ArmError, type ArmErrorBody } from './arm-error.js';
import type { JsonObject } from './validate-container-group.js';

export type ProvisioningState = 'Pending' | 'Succeeded' | 'Failed' | 'Deleting';

export interface StoredGroup {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  /** The PUT body exactly as received, secrets included (responses leave them out). */
  body: JsonObject;
  provisioningState: ProvisioningState;
  error?: ArmErrorBody;
}

export interface AsyncOperation {
  id: string;
  kind: 'create' | 'delete';
  key: string;
  startTime: Date;
  /** Like ARM, provisioning goes on whether or not anyone polls: the status is worked out from the clock. */
  doneAt: number;
  outcome: 'Succeeded' | 'Failed';
  error?: ArmErrorBody;
  applied: boolean;
}

export interface StoreTimings {
  provisioningMs: number;
  deletionMs: number;
}

const keyOf = (subscriptionId: string, resourceGroup: string, name: string) => `${subscriptionId}/${resourceGroup}/${name}`.toLowerCase();

/** Container groups and their long-running operations, as the ARM double keeps them. */
export class ContainerGroupStore {
  private readonly groups = new Map<string, StoredGroup>();
  private readonly operations = new Map<string, AsyncOperation>();
  private failures: ArmErrorBody[] = [];

  constructor(private readonly timings: StoreTimings) {}

  /** The next create's provisioning ends Failed with this error (a capacity shortage, an image that can't be pulled). */
  failNextCreate(error: ArmErrorBody): void {
    this.failures.push(error);
  }

  get(subscriptionId: string, resourceGroup: string, name: string): StoredGroup | undefined {
    this.settle();
    return this.groups.get(keyOf(subscriptionId, resourceGroup, name));
  }

  list(subscriptionId: string, resourceGroup: string): StoredGroup[] {
    this.settle();
    const prefix = `${subscriptionId}/${resourceGroup}/`.toLowerCase();
    return [...this.groups.entries()].filter(([key]) => key.startsWith(prefix)).map(([, group]) => group);
  }

  all(): StoredGroup[] {
    this.settle();
    return [...this.groups.values()];
  }

  /** PUT: a new group (created: true) or an update of one; both provision again. */
  put(
    subscriptionId: string,
    resourceGroup: string,
    name: string,
    body: JsonObject,
  ): { group: StoredGroup; operation: AsyncOperation; created: boolean } {
    this.settle();
    const key = keyOf(subscriptionId, resourceGroup, name);
    const existing = this.groups.get(key);
    if (existing?.provisioningState === 'Deleting') {
      throw new ArmError(409, 'Conflict', `The container group '${name}' is being deleted; retry when the deletion has finished.`);
    }
    const group: StoredGroup = { subscriptionId, resourceGroup, name, body, provisioningState: 'Pending' };
    this.groups.set(key, group);
    const failure = this.failures.shift();
    const operation = this.begin('create', key, this.timings.provisioningMs, failure);
    return { group, operation, created: !existing };
  }

  /** DELETE: the operation, or undefined when there is no such group. */
  delete(subscriptionId: string, resourceGroup: string, name: string): AsyncOperation | undefined {
    this.settle();
    const key = keyOf(subscriptionId, resourceGroup, name);
    const group = this.groups.get(key);
    if (!group) return undefined;
    const pending = [...this.operations.values()].find((op) => op.kind === 'delete' && op.key === key && !op.applied);
    if (pending) return pending;
    group.provisioningState = 'Deleting';
    return this.begin('delete', key, this.timings.deletionMs);
  }

  operation(id: string): AsyncOperation | undefined {
    this.settle();
    return this.operations.get(id);
  }

  private begin(kind: AsyncOperation['kind'], key: string, takesMs: number, failure?: ArmErrorBody): AsyncOperation {
    const operation: AsyncOperation = {
      id: randomUUID(),
      kind,
      key,
      startTime: new Date(),
      doneAt: Date.now() + takesMs,
      outcome: failure ? 'Failed' : 'Succeeded',
      ...(failure ? { error: failure } : {}),
      applied: false,
    };
    this.operations.set(operation.id, operation);
    return operation;
  }

  /** Applies every operation whose time has come: provisioning results, and deletions. */
  private settle(): void {
    const now = Date.now();
    for (const op of this.operations.values()) {
      if (op.applied || op.doneAt > now) continue;
      op.applied = true;
      const group = this.groups.get(op.key);
      if (!group) continue;
      if (op.kind === 'delete') {
        this.groups.delete(op.key);
      } else if (group.provisioningState === 'Pending') {
        group.provisioningState = op.outcome;
        if (op.error) group.error = op.error;
      }
    }
  }
}
