// The local Durable Task backend, as the host runs it (`RunningHost.engine`).
export { DurableEngine } from './engine.js';
export type { EngineOptions } from './engine.js';
export { DurableStore } from './store.js';
export type { InstanceRow, RuntimeStatus } from './store.js';
export { EventType } from './history.js';
export type { HistoryEvent } from './history.js';
export { DurableApiError } from './errors.js';
