import * as df from 'durable-functions';
import type { InvocationContext } from '@azure/functions';
import { submissionInstanceId } from '../../contracts/ids.js';
import type { ProgressStatus } from '../../contracts/progress-status.js';
import type { OrchestrationView } from './submission-view.js';

/** The submission orchestration's status through the Durable client, or undefined before it started. */
export async function orchestrationStatus(context: InvocationContext, submissionId: string): Promise<OrchestrationView | undefined> {
  try {
    const status = await df.getClient(context).getStatus(submissionInstanceId(submissionId));
    if (!status?.runtimeStatus) return undefined;
    return { runtimeStatus: status.runtimeStatus, customStatus: (status.customStatus ?? null) as ProgressStatus | null };
  } catch {
    return undefined;
  }
}
