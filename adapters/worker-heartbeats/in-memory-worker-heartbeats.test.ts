import { InMemoryWorkerHeartbeats } from './in-memory-worker-heartbeats.js';
import { workerHeartbeatsContract } from './worker-heartbeats.contract.js';

workerHeartbeatsContract('InMemoryWorkerHeartbeats', () => new InMemoryWorkerHeartbeats());
