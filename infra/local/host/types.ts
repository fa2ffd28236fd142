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

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
