import { InMemoryDuplicateIndex } from './in-memory-duplicate-index.js';
import { duplicateIndexContract } from './duplicate-index.contract.js';

duplicateIndexContract('InMemoryDuplicateIndex', (options) => new InMemoryDuplicateIndex(options));
