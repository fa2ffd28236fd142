import type { InvocationContext } from '@azure/functions';
import { FILE_ID, SUBMISSION_ID } from '../../adapters/telemetry/attributes.js';
import { inSpan } from '../../adapters/telemetry/in-span.js';

type Fields = { submissionId?: unknown; fileId?: unknown; traceparent?: unknown };

/**
 * Runs an activity in a span `activity.{name}`, child of the `traceparent` the orchestration put in
 * its input (orchestrators replay, so they carry the context but never make spans themselves).
 * An input without one (a replayed delivery, a cancellation) starts a trace of its own.
 */
export function tracedActivity<I, O>(name: string, handler: (input: I, context: InvocationContext) => Promise<O>) {
  return (input: I, context: InvocationContext): Promise<O> => {
    const fields: Fields = typeof input === 'object' && input !== null ? (input as Fields) : {};
    const submissionId = typeof input === 'string' ? input : fields.submissionId;
    const attributes = {
      ...(typeof submissionId === 'string' ? { [SUBMISSION_ID]: submissionId } : {}),
      ...(typeof fields.fileId === 'string' ? { [FILE_ID]: fields.fileId } : {}),
    };
    const parent = typeof fields.traceparent === 'string' ? fields.traceparent : undefined;
    return inSpan(`activity.${name}`, { parent, root: parent === undefined, attributes }, () => handler(input, context));
  };
}
