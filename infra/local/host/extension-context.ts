import type { Logger, Registration } from './types.js';

/** What the host hands each trigger extension (Event Grid, timers): its own file so extensions do not import their starter. */
export interface ExtensionContext {
  appDir: string;
  registrations: Registration[];
  dataDir: string;
  origin: string;
  logger: Logger;
  /** Runs a function with its trigger value as JSON text; rejects when the function throws. */
  invokeJson(functionName: string, json: string): Promise<unknown>;
}
