import { checkEntry } from './check-entry.js';
import type { DuplicateEntry, DuplicateIndex, DuplicateIndexOptions, DuplicateMatch, DuplicateQuery } from './duplicate-index.js';
import { indexSettings, type IndexSettings } from './index-settings.js';
import { rankMatches, type Candidate } from './rank-matches.js';

/** The duplicate index in one process's memory, for unit tests: it compares against every entry of the client. */
export class InMemoryDuplicateIndex implements DuplicateIndex {
  private readonly settings: IndexSettings;
  /** clientId → `submissionId/fileId` (as JSON) → the entry stored first. */
  private readonly clients = new Map<string, Map<string, Candidate>>();

  constructor(options: DuplicateIndexOptions = {}) {
    this.settings = indexSettings(options);
  }

  async insert(entry: DuplicateEntry): Promise<void> {
    await this.insertMany([entry]);
  }

  async insertMany(entries: readonly DuplicateEntry[]): Promise<void> {
    for (const entry of entries.map(checkEntry)) {
      const files = this.clients.get(entry.clientId) ?? new Map<string, Candidate>();
      this.clients.set(entry.clientId, files);
      const key = JSON.stringify([entry.submissionId, entry.fileId]);
      if (files.has(key)) continue;
      const { submissionId, fileId, name, sha256, hashes, indexedAt } = entry;
      files.set(key, { submissionId, fileId, name, sha256, hashes, indexedAtMs: Date.parse(indexedAt) });
    }
  }

  async lookup(query: DuplicateQuery): Promise<DuplicateMatch[]> {
    const checked = checkEntry(query);
    const { maxBits, windowMs, now } = this.settings;
    const files = this.clients.get(checked.clientId)?.values() ?? [];
    return rankMatches(checked, files, { maxBits, sinceMs: now().getTime() - windowMs });
  }
}
