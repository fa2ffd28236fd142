import { odata, type TableClient } from '@azure/data-tables';
import { candidateOf, membersOf } from '../adapters/duplicate-index/bucket-member.js';
import type { DuplicateMatch, DuplicateQuery } from '../adapters/duplicate-index/duplicate-index.js';
import { rankMatches } from '../adapters/duplicate-index/rank-matches.js';
import { partitionOf, SHA_BUCKET_PREFIX } from '../adapters/duplicate-index/table-keys.js';
import type { JsonEntity } from '../adapters/table-storage/json-entity.js';

/**
 * The baseline a band index is measured against: load every file of the client (its SHA-256
 * buckets hold each file once, with all its hashes) and compare the query with each.
 */
export async function bruteForceLookup(
  table: TableClient,
  query: DuplicateQuery,
  settings: { maxBits: number; sinceMs: number },
): Promise<DuplicateMatch[]> {
  // '/' is the character after '.': the range holds every `sha.` row key and nothing else.
  const filter = odata`PartitionKey eq ${partitionOf(query.clientId)} and RowKey ge ${SHA_BUCKET_PREFIX} and RowKey lt ${'sha/'}`;
  const candidates = [];
  for await (const entity of table.listEntities<JsonEntity>({ queryOptions: { filter } }))
    candidates.push(...membersOf(entity).map(candidateOf));
  return rankMatches(query, candidates, settings);
}
