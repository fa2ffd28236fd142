import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResumeRecord } from './session-request.js';

/**
 * Upload sessions in progress, one JSON file per resume key under the state folder. Written whole and renamed into
 * place, so a Ctrl-C at any moment leaves the last record or the one before, never half of one. Mode 0600: the record
 * holds the session's (write-only, short-lived) upload URLs.
 */
export class ResumeRecords {
  constructor(private readonly dir: string) {}

  path(key: string): string {
    return join(this.dir, 'uploads', `${key}.json`);
  }

  async load(key: string): Promise<ResumeRecord | undefined> {
    try {
      return JSON.parse(await readFile(this.path(key), 'utf8')) as ResumeRecord;
    } catch {
      // None, or unreadable: either way there is nothing to resume.
      return undefined;
    }
  }

  async save(key: string, record: ResumeRecord): Promise<void> {
    const path = this.path(key);
    await mkdir(join(this.dir, 'uploads'), { recursive: true, mode: 0o700 });
    await writeFile(`${path}.tmp`, JSON.stringify(record), { mode: 0o600 });
    await rename(`${path}.tmp`, path);
  }

  async remove(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}
