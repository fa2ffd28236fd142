// The platform's main entry point: the Functions host, its logger, and a free-port helper for the
// URLs that must be known before their server starts. The other parts have entry points of their own.
export * from './host/index.js';
export { freePort } from './free-port.js';
