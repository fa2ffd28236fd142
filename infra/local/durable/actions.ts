/** Orchestrator action types in the replay schema the SDK emits (durable-functions 3.x). */
export const ActionType = {
  CallActivity: 0,
  CallActivityWithRetry: 1,
  CallSubOrchestrator: 2,
  CallSubOrchestratorWithRetry: 3,
  ContinueAsNew: 4,
  CreateTimer: 5,
  WaitForExternalEvent: 6,
  CallEntity: 7,
  CallHttp: 8,
  SignalEntity: 9,
  WhenAny: 11,
  WhenAll: 12,
  LockEntities: 13,
  ReleaseEntities: 14,
} as const;

export interface RetryOptions {
  firstRetryIntervalInMilliseconds: number;
  maxNumberOfAttempts: number;
  backoffCoefficient?: number;
  maxRetryIntervalInMilliseconds?: number;
  retryTimeoutInMilliseconds?: number;
}

export interface Action {
  actionType: number;
  functionName?: string;
  input?: unknown;
  instanceId?: string;
  fireAt?: string;
  isCanceled?: boolean;
  externalEventName?: string;
  reason?: string;
  httpRequest?: unknown;
  retryOptions?: RetryOptions;
  compoundActions?: Action[];
}

/** The actions that take a sequence number, in the order the SDK numbers them (depth first). */
export function flattenActions(groups: Action[][]): Action[] {
  const out: Action[] = [];
  const visit = (action: Action): void => {
    if (action.actionType === ActionType.WhenAll || action.actionType === ActionType.WhenAny) {
      for (const child of action.compoundActions ?? []) visit(child);
    } else if (action.actionType !== ActionType.WaitForExternalEvent && action.actionType !== ActionType.ContinueAsNew) {
      out.push(action);
    }
  };
  for (const group of groups) for (const action of group) visit(action);
  return out;
}

export function findContinueAsNew(groups: Action[][]): Action | undefined {
  return groups.flat().find((a) => a.actionType === ActionType.ContinueAsNew);
}

/** The JSON text of an action's input: the SDK pre-serialises strings and leaves other values raw. */
export function serializedInput(input: unknown): string | null {
  if (input === undefined || input === null) return null;
  return typeof input === 'string' ? input : JSON.stringify(input);
}

const ENTITY_ACTIONS = new Set<number>([
  ActionType.CallEntity,
  ActionType.SignalEntity,
  ActionType.LockEntities,
  ActionType.ReleaseEntities,
]);

export function isEntityAction(action: Action): boolean {
  return ENTITY_ACTIONS.has(action.actionType);
}

/** Delay before retry attempt n+1 after attempt n failed, as DTFx computes it. */
export function retryDelayMs(options: RetryOptions, failedAttempt: number): number {
  const backoff = options.backoffCoefficient ?? 1;
  const delay = options.firstRetryIntervalInMilliseconds * Math.pow(backoff, failedAttempt - 1);
  const cap = options.maxRetryIntervalInMilliseconds;
  return cap && cap > 0 ? Math.min(delay, cap) : delay;
}
