import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableClientOf } from '../adapters/azure-access/storage-clients.js';
import type { DuplicateEntry, DuplicateQuery } from '../adapters/duplicate-index/duplicate-index.js';
import { DEFAULT_DUPLICATE_WINDOW_MS, DEFAULT_NEAR_DUPLICATE_BITS } from '../adapters/duplicate-index/duplicate-index.js';
import { InMemoryDuplicateIndex } from '../adapters/duplicate-index/in-memory-duplicate-index.js';
import { TableDuplicateIndex } from '../adapters/duplicate-index/table-duplicate-index.js';
import { startAzurite } from '@newsdesk/local-platform/azurite';
import { bruteForceLookup } from './duplicates-brute-force.js';
import type { Figure } from './report.js';
import { percentile } from './percentile.js';

const FILES = 100_000;
const CLIENT = 'bench-client';
const DAY = 24 * 60 * 60 * 1000;

const hex = (bytes: number): string => randomBytes(bytes).toString('hex');
const round = (ms: number): number => Math.round(ms * 10) / 10;

/** One client's photos, the worst case (every lookup reads that client's buckets): submissions of 10 over the last 29 days. */
function files(count: number, now: number): DuplicateEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    clientId: CLIENT,
    submissionId: `sub-${Math.floor(i / 10)}-${hex(4)}`,
    fileId: `file-${i % 10}`,
    name: `photo-${i}.jpg`,
    sha256: hex(32),
    hashes: [hex(8)],
    indexedAt: new Date(now - Math.random() * 29 * DAY).toISOString(),
  }));
}

/** A new file: half are copies of an indexed one 0 to 6 bits off, half unlike anything. */
function query(indexed: readonly DuplicateEntry[], i: number): DuplicateQuery {
  const base = { clientId: CLIENT, submissionId: `query-${i}`, fileId: 'file-0', sha256: hex(32) };
  if (i % 2) return { ...base, hashes: [hex(8)] };
  let hash = BigInt(`0x${indexed[Math.floor(Math.random() * indexed.length)]!.hashes[0]}`);
  for (let b = 0; b < i % (DEFAULT_NEAR_DUPLICATE_BITS + 1); b++) hash ^= 1n << BigInt(b * 9 + Math.floor(Math.random() * 9));
  return { ...base, hashes: [hash.toString(16).padStart(16, '0')] };
}

async function timed<T>(times: number[], run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  times.push(performance.now() - started);
  return result;
}

/** The duplicate index on Azurite with 100,000 hashes of one client: lookup and insert p95, against loading and comparing them all. */
export async function benchDuplicates(): Promise<Figure[]> {
  const location = mkdtempSync(join(tmpdir(), 'newsdesk-bench-duplicates-'));
  const azurite = await startAzurite({ location });
  try {
    const now = Date.now();
    const settings = { now: () => new Date(now) };
    const index = new TableDuplicateIndex(azurite.connectionString, settings);
    const reference = new InMemoryDuplicateIndex(settings);
    const indexed = files(FILES, now);
    await reference.insertMany(indexed);
    const loadStarted = performance.now();
    await index.insertMany(indexed);
    const loadSeconds = (performance.now() - loadStarted) / 1000;

    // Timed first, checked after: the reference's comparison with every file would otherwise share the CPU with the timed ones.
    const queries = Array.from({ length: 320 }, (_, i) => query(indexed, i));
    const lookups: number[] = [];
    const results = [];
    for (const [i, q] of queries.entries()) results.push(await timed(i < 20 ? [] : lookups, () => index.lookup(q)));
    let near = 0;
    for (const [i, q] of queries.entries()) {
      const [found, expected] = [JSON.stringify(results[i]), JSON.stringify(await reference.lookup(q))];
      if (found !== expected) throw new Error(`lookup ${i} found ${found}, not ${expected}`);
      if (i % 2 === 0 && found === '[]') throw new Error(`lookup ${i} missed its near copy`);
      near += found === '[]' ? 0 : 1;
    }
    // findDuplicates' order (orchestrator/activities): a file is looked up, then inserted (with the buckets its lookup read); and cold, without the lookup.
    const inserts: number[] = [];
    for (const entry of files(200, now)) {
      await index.lookup(entry);
      await timed(inserts, () => index.insert(entry));
    }
    const coldInserts: number[] = [];
    for (const entry of files(200, now)) await timed(coldInserts, () => index.insert(entry));

    const table = tableClientOf({ connectionString: azurite.connectionString }, 'duplicates');
    const scans: number[] = [];
    const sinceMs = now - DEFAULT_DUPLICATE_WINDOW_MS;
    for (let i = 0; i < 20; i++) {
      const q = query(indexed, i);
      const found = await timed(scans, () => bruteForceLookup(table, q, { maxBits: DEFAULT_NEAR_DUPLICATE_BITS, sinceMs }));
      if (JSON.stringify(found) !== JSON.stringify(await index.lookup(q)))
        throw new Error(`the brute-force lookup ${i} disagrees with the index`);
    }
    const scan95 = round(percentile(scans, 95));
    return [
      {
        name: `Lookup p95, ${FILES.toLocaleString('en')} hashes of one client in Table Storage (Azurite), 8 point reads`,
        value: percentile(lookups, 95),
        unit: 'ms',
        goal: { op: '<=', value: 20 },
        compare: { 'p50 ms': round(percentile(lookups, 50)), 'brute-force scan p95 ms': scan95 },
        notes: `${lookups.length} lookups after 20 to warm up, ${near} of all with matches (each the same as a comparison with every file); load average ${loadavg()[0]!.toFixed(1)}`,
      },
      {
        name: "Insert p95 after the file's lookup, as findDuplicates does (replace its 8 buckets in one transaction)",
        value: percentile(inserts, 95),
        unit: 'ms',
        goal: { op: '<=', value: 10 },
        compare: { 'p50 ms': round(percentile(inserts, 50)) },
      },
      {
        name: 'Insert p95 without a lookup before it (read the 8 buckets first)',
        value: percentile(coldInserts, 95),
        unit: 'ms',
        compare: { 'p50 ms': round(percentile(coldInserts, 50)) },
      },
      {
        name: `Brute-force lookup p95: load the client's ${FILES.toLocaleString('en')} files and compare each (baseline)`,
        value: scan95,
        unit: 'ms',
        compare: { 'p50 ms': round(percentile(scans, 50)) },
      },
      { name: `Load of ${FILES.toLocaleString('en')} files (insertMany, one client)`, value: loadSeconds, unit: 's' },
    ];
  } finally {
    await azurite.stop();
    rmSync(location, { recursive: true, force: true });
  }
}
