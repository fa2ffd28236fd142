import { ingestStoreContract } from './ingest-store.contract.js';
import { InMemoryIngestStore } from './in-memory-ingest-store.js';

ingestStoreContract('InMemoryIngestStore', () => new InMemoryIngestStore());
