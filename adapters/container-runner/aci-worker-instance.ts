import type { ContainerGroup } from '@azure/arm-containerinstance';
import type { WorkerInstance, WorkerState } from './container-runner.js';
import { STARTED_TAG } from './aci-container-group.js';

/**
 * ARM's provisioningState, then the instance view where ARM sent one (GET does, a list by resource group does
 * not). An unknown state counts as 'starting': the scaler then neither stops nor replaces what it cannot read.
 */
function stateOf(group: ContainerGroup): WorkerState {
  switch (group.provisioningState?.toLowerCase()) {
    case 'failed':
    case 'canceled':
    case 'unhealthy':
      return 'failed';
    case 'deleting':
      return 'stopping';
    case 'succeeded': {
      // With restartPolicy Always a group that ran and then 'Stopped' was stopped by hand: it does no work.
      const viewed = group.instanceView?.state?.toLowerCase();
      return viewed === 'stopped' || viewed === 'failed' ? 'failed' : 'running';
    }
    default:
      return 'starting';
  }
}

/** One worker as the runner port shows it; `startedAt` is the tag set at creation, epoch when someone else made the group. */
export function aciWorkerInstance(group: ContainerGroup): WorkerInstance {
  const started = Date.parse(group.tags?.[STARTED_TAG] ?? '');
  const restarts = group.containers?.reduce<number | undefined>((sum, c) => {
    const count = c.instanceView?.restartCount;
    return count === undefined ? sum : (sum ?? 0) + count;
  }, undefined);
  return {
    id: group.name ?? '',
    state: stateOf(group),
    startedAt: new Date(Number.isNaN(started) ? 0 : started),
    ...(restarts === undefined ? {} : { restarts }),
  };
}
