import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duplicateIndexContract } from '../../adapters/duplicate-index/duplicate-index.contract.js';
import type { DuplicateEntry } from '../../adapters/duplicate-index/duplicate-index.js';
import { TableDuplicateIndex } from '../../adapters/duplicate-index/table-duplicate-index.js';
import { startAzurite, type RunningAzurite } from '@newsdesk/local-platform/azurite';

const location = mkdtempSync(join(tmpdir(), 'azurite-duplicates-'));
let azurite: RunningAzurite;
beforeAll(async () => {
  azurite = await startAzurite({ location });
});
afterAll(async () => {
  await azurite?.stop();
  rmSync(location, { recursive: true, force: true });
});

duplicateIndexContract('TableDuplicateIndex on Azurite', (options) => new TableDuplicateIndex(azurite.connectionString, options));

describe('TableDuplicateIndex on Azurite: buckets', () => {
  const hash = () => randomBytes(8).toString('hex');
  const entry = (clientId: string, patch: Partial<DuplicateEntry> = {}): DuplicateEntry => ({
    clientId,
    submissionId: randomUUID(),
    fileId: 'f1',
    name: 'photo.jpg',
    sha256: randomBytes(32).toString('hex'),
    hashes: [hash()],
    indexedAt: new Date().toISOString(),
    ...patch,
  });

  it('keeps every file when writers of the same buckets race (ETags, read again)', async () => {
    const index = new TableDuplicateIndex(azurite.connectionString);
    const clientId = randomUUID();
    const same = { sha256: randomBytes(32).toString('hex'), hashes: [hash()] };
    const copies = Array.from({ length: 8 }, () => entry(clientId, same));
    await Promise.all(copies.map((c) => index.insert(c)));
    const found = await index.lookup(entry(clientId, same));
    expect(found.map((m) => m.submissionId).sort()).toEqual(copies.map((c) => c.submissionId).sort());
  });

  it('inserts after a lookup with the buckets it read, and reads them again when another writer changed them', async () => {
    const [mine, other] = [new TableDuplicateIndex(azurite.connectionString), new TableDuplicateIndex(azurite.connectionString)];
    const clientId = randomUUID();
    const same = { sha256: randomBytes(32).toString('hex'), hashes: [hash()] };
    const [first, second, third, fourth] = Array.from({ length: 4 }, () => entry(clientId, same));
    // Buckets absent at the lookup (create → 409), then present (replace with a stale ETag → 412).
    await mine.lookup(first!);
    await other.insert(second!);
    await mine.insert(first!);
    await mine.lookup(third!);
    await other.insert(fourth!);
    await mine.insert(third!);
    const found = await other.lookup(entry(clientId, same));
    expect(found.map((m) => m.submissionId).sort()).toEqual([first, second, third, fourth].map((e) => e!.submissionId).sort());
  });

  it('writes a backfill larger than one transaction, and finds each file', async () => {
    const index = new TableDuplicateIndex(azurite.connectionString);
    const clientId = randomUUID();
    const files = Array.from({ length: 40 }, () => entry(clientId)); // 320 buckets: 4 transactions
    await index.insertMany(files);
    for (const file of files) {
      expect(await index.lookup({ ...file, fileId: 'copy' })).toEqual([
        { submissionId: file.submissionId, fileId: 'f1', name: 'photo.jpg', distance: 0, exact: true },
      ]);
    }
  });

  it('after a change of maxBits finds earlier files by SHA-256 only, until insertMany indexes them again', async () => {
    const clientId = randomUUID();
    const photo = entry(clientId);
    await new TableDuplicateIndex(azurite.connectionString, { maxBits: 6 }).insert(photo);
    const rebanded = new TableDuplicateIndex(azurite.connectionString, { maxBits: 4 });
    // Another SHA-256 bucket (first digit changed) and one to four bits off the photo's hash.
    const sha256 = photo.sha256.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    const near = { ...photo, submissionId: randomUUID(), sha256, hashes: [photo.hashes[0]!.replace(/^./, (c) => (c === '0' ? '1' : '0'))] };
    expect(await rebanded.lookup({ ...photo, submissionId: randomUUID() })).toMatchObject([{ exact: true }]);
    expect(await rebanded.lookup(near)).toEqual([]);
    await rebanded.insertMany([photo]);
    expect(await rebanded.lookup(near)).toMatchObject([{ submissionId: photo.submissionId, exact: false }]);
  });
});
