import { resolve } from 'node:path';

/** The repository root: where dist/, test/fixtures/ and the templates lie. */
export const ROOT = resolve(import.meta.dirname, '../..');
