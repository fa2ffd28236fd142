import { afterAll } from 'vitest';
import { blobStoreContract } from './blob-store.contract.js';
import { InMemoryBlobStore } from './in-memory-blob-store.js';

const made: InMemoryBlobStore[] = [];
afterAll(() => Promise.all(made.map((s) => s.close())));

blobStoreContract('InMemoryBlobStore', () => {
  const store = new InMemoryBlobStore();
  made.push(store);
  return store;
});
