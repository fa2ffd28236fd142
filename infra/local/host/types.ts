/** A binding as `@azure/functions` describes it in a registration (`metadata.bindings[name]`). */
export interface BindingInfo {
  type: string;
  direction?: 'in' | 'out' | 'inout' | string;
  [setting: string]: unknown;
}

/** One function the app registered through `@azure/functions-core`'s `registerFunction`. */
export interface Registration {
  name: string;
  bindings: Record<string, BindingInfo>;
  /** The name of the trigger binding and the binding itself. */
  triggerName: string;
  trigger: BindingInfo;
}

/**
 * How the host's trigger sources (HTTP, durable, Event Grid, timers) run a function: the payload
 * is the trigger's value as the Functions host would pass it (JSON-able), and the promise settles
 * with the function's return value or rejects with its error.
 */
export interface FunctionInvoker {
  invoke(
    functionName: string,
    triggerValue: unknown,
    options?: { triggerMetadata?: Record<string, unknown>; extraInputs?: Record<string, unknown> },
  ): Promise<unknown>;
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
