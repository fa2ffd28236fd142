import type { BindingInfo, Registration } from './types.js';

/* The shape `@azure/functions` expects from the worker's built-in `@azure/functions-core` module. */
export type FunctionCallback = (...args: unknown[]) => unknown;
export type HookCallback = (context: Record<string, unknown>) => unknown;

export interface InvocationModel {
  getArguments(): Promise<{ context: unknown; inputs: unknown[] }>;
  invokeFunction(context: unknown, inputs: unknown[], callback: FunctionCallback): Promise<unknown>;
  getResponse(context: unknown, result: unknown): Promise<RpcInvocationResponse>;
}

export interface ProgrammingModel {
  name: string;
  version: string;
  getInvocationModel(coreCtx: unknown): InvocationModel;
  getCapabilities?(capabilities: Record<string, string>): Promise<Record<string, string>>;
}

export interface RpcTypedData {
  string?: string | null;
  json?: string | null;
  bytes?: Uint8Array | null;
  http?: RpcHttpData | null;
  int?: number | null;
  double?: number | null;
}

export interface RpcHttpData {
  method?: string | null;
  url?: string | null;
  headers?: Record<string, string> | null;
  body?: RpcTypedData | null;
  params?: Record<string, string> | null;
  query?: Record<string, string> | null;
  statusCode?: string | null;
  cookies?: unknown[] | null;
}

export interface RpcInvocationResponse {
  invocationId?: string | null;
  outputData?: { name?: string | null; data?: RpcTypedData | null }[] | null;
  returnValue?: RpcTypedData | null;
}

class Disposable {
  constructor(private readonly callOnDispose: () => void) {}
  dispose(): void {
    this.callOnDispose();
  }
}

/** Everything the app registered, as the host reads it after loading the app's entry points. */
export class CoreState {
  programmingModel: ProgrammingModel | undefined;
  readonly registrations = new Map<string, Registration & { callback: FunctionCallback }>();
  readonly hooks = new Map<string, HookCallback[]>();
  readonly appHookData: Record<string, unknown> = {};
  onLog: (level: string, category: string, message: string) => void = () => {};

  /** The module object handed to `require('@azure/functions-core')`. */
  createModule(hostVersion: string): Record<string, unknown> {
    return {
      version: '4.0.0-newsdesk-local',
      hostVersion,
      Disposable,
      setProgrammingModel: (model: ProgrammingModel) => {
        this.programmingModel = model;
      },
      getProgrammingModel: () => this.programmingModel,
      registerFunction: (metadata: { name: string; bindings: Record<string, BindingInfo> }, callback: FunctionCallback) =>
        this.register(metadata, callback),
      registerHook: (name: string, callback: HookCallback) => {
        const list = this.hooks.get(name) ?? [];
        list.push(callback);
        this.hooks.set(name, list);
        return new Disposable(() => list.splice(list.indexOf(callback), 1));
      },
      log: (level: string, category: string, message: string) => this.onLog(level, category, message),
    };
  }

  private register(metadata: { name: string; bindings: Record<string, BindingInfo> }, callback: FunctionCallback): Disposable {
    const name = metadata.name;
    if (this.registrations.has(name)) {
      throw new Error(`A function named "${name}" is already registered.`);
    }
    const entry = Object.entries(metadata.bindings).find(([, b]) => /trigger$/i.test(b.type));
    if (!entry) throw new Error(`Function "${name}" has no trigger binding.`);
    const [triggerName, trigger] = entry;
    this.registrations.set(name, { name, bindings: metadata.bindings, triggerName, trigger, callback });
    return new Disposable(() => this.registrations.delete(name));
  }
}
