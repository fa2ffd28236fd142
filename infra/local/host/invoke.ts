import { randomUUID } from 'node:crypto';
import type { CoreState, FunctionCallback, RpcInvocationResponse, RpcTypedData } from './functions-core.js';
import type { Logger } from './types.js';

export interface InvocationInput {
  triggerData: RpcTypedData | undefined;
  triggerMetadata?: Record<string, RpcTypedData>;
  extraInputs?: Record<string, RpcTypedData | undefined>;
  invocationId?: string;
  /**
   * The trigger value itself, when the host already holds it as an object (an orchestration's
   * history): it replaces the value decoded from `triggerData`, saving a JSON round trip per episode.
   */
  triggerValue?: unknown;
}

/**
 * Runs one registered function the way the Node worker does: the programming model builds the
 * context and arguments, hooks run around the call, and the model turns the result into the
 * invocation response (return value and output bindings).
 */
export async function invokeRegistered(
  core: CoreState,
  functionName: string,
  input: InvocationInput,
  logger: Logger,
): Promise<RpcInvocationResponse> {
  const registration = core.registrations.get(functionName);
  const model = core.programmingModel;
  if (!registration || !model) throw new Error(`Function '${functionName}' is not registered.`);
  const invocationId = input.invocationId ?? randomUUID();
  const inputData = [{ name: registration.triggerName, data: input.triggerData }];
  for (const [name, data] of Object.entries(input.extraInputs ?? {})) inputData.push({ name, data });
  const coreCtx: { state?: string } & Record<string, unknown> = {
    invocationId,
    request: { invocationId, functionId: functionName, inputData, triggerMetadata: input.triggerMetadata ?? {} },
    metadata: { name: functionName, functionId: functionName, bindings: registration.bindings },
    state: undefined,
    log: (level: string, category: string, message: string) => {
      const fields = { function: functionName, invocationId, category };
      if (level === 'error' || level === 'critical') logger.error(message, fields);
      else if (level === 'warning') logger.warn(message, fields);
      else if (category === 'user' || level === 'information') logger.info(message, fields);
    },
  };
  const invocation = model.getInvocationModel(coreCtx);
  const args = await invocation.getArguments();
  let inputs = args.inputs;
  if ('triggerValue' in input) inputs = [input.triggerValue, ...inputs.slice(1)];
  let callback: FunctionCallback = registration.callback;
  const hookData: Record<string, unknown> = {};
  coreCtx.state = 'preInvocationHooks';
  for (const hook of core.hooks.get('preInvocation') ?? []) {
    const hookCtx = { hookData, appHookData: core.appHookData, invocationContext: args.context, inputs, functionCallback: callback };
    await hook(hookCtx);
    inputs = hookCtx.inputs;
    callback = hookCtx.functionCallback;
  }
  coreCtx.state = 'invocation';
  let result: unknown;
  let error: unknown;
  try {
    result = await invocation.invokeFunction(args.context, inputs, callback);
  } catch (e) {
    error = e;
  }
  coreCtx.state = 'postInvocationHooks';
  for (const hook of core.hooks.get('postInvocation') ?? []) {
    const hookCtx = { hookData, appHookData: core.appHookData, invocationContext: args.context, inputs, result, error };
    await hook(hookCtx);
    result = hookCtx.result;
    error = hookCtx.error;
  }
  coreCtx.state = undefined;
  if (error !== undefined) throw error;
  return invocation.getResponse(args.context, result);
}
