// The local Functions host: loads an Azure Functions Node v4 app folder and serves it as `func start` does.
export { startHost } from './host.js';
export type { HostOptions, RunningHost } from './host.js';
export { consoleLogger } from './logger.js';
export { hostCliPath } from './cli-path.js';
export type { BindingInfo, Logger, Registration } from './types.js';
export type { HostKeys } from './http/keys.js';
