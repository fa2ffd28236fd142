import { basename } from 'node:path';
import { fileBars } from '../progress/file-bars.js';
import { CliError } from '../cli-error.js';
import type { Api } from '../http/api.js';
import type { CliIo } from '../io.js';
import type { Accepted } from '../submit/submit-files.js';
import { openSession } from './open-session.js';
import { resumeKey } from './resume-key.js';
import type { ResumeRecords } from './resume-records.js';
import type { ResumeRecord, SessionFile, SessionRequest } from './session-request.js';
import { stageFile } from './stage-file.js';
import { storageFailure } from './storage-failure.js';

const blocks = (record: ResumeRecord) => record.files.reduce((n, f) => n + f.blocks, 0);
const staged = (record: ResumeRecord) => record.files.reduce((n, f) => n + (f.committed ? f.blocks : f.staged.length), 0);

/**
 * Sends the files through an upload session: blocks straight to Blob Storage, then one commit. The session and the
 * blocks staged so far are kept in a resume record, so the same command after a Ctrl-C stages only what is missing and
 * commits the same session: one submission. The API answers a second commit of a session with the first one's
 * submission, so even a run stopped after its commit was sent cannot make two. A session that expired, or that the
 * API or storage no longer knows, is started over once, saying so.
 */
export async function submitBySession(
  api: Api,
  io: CliIo,
  records: ResumeRecords,
  request: SessionRequest,
  files: readonly SessionFile[],
  blockSize: number,
): Promise<Accepted> {
  const key = resumeKey(api, request, files);
  for (let attempt = 1; ; attempt++) {
    let record = await records.load(key);
    if (record && Date.parse(record.expiresAt) <= Date.now()) {
      io.err(`The upload session ${record.sessionId} expired at ${record.expiresAt}; starting over.\n`);
      record = undefined;
    }
    if (record) {
      io.err(`Resuming upload session ${record.sessionId}: ${staged(record)} of ${blocks(record)} blocks already uploaded.\n`);
    } else {
      record = await openSession(api, request, files, blockSize);
      await records.save(key, record);
      io.err(`Upload session ${record.sessionId}: ${blocks(record)} blocks. If it is interrupted, the same command resumes it.\n`);
    }
    try {
      const accepted = await upload(api, io, records, key, record, files);
      await records.remove(key);
      return accepted;
    } catch (error) {
      const gone = error instanceof CliError && (error.status === 404 || error.status === 410);
      if (!gone || attempt > 1) throw error;
      io.err(`${error.message} Starting a new upload session.\n`);
      await records.remove(key);
    }
  }
}

/** Stages each file's missing blocks (one progress bar per file, counting the blocks already there), then commits. */
async function upload(api: Api, io: CliIo, records: ResumeRecords, key: string, record: ResumeRecord, files: readonly SessionFile[]) {
  const bars = fileBars(io.progress, 'blocks');
  // Saves run one after another, each writing the record as it is then: the last one written is the newest.
  let saving = Promise.resolve();
  const save = () => (saving = saving.then(() => records.save(key, record)));
  let sent = 0;
  try {
    for (const [i, file] of files.entries()) {
      const entry = record.files[i]!;
      const bar = bars.add(basename(file.path), entry.blocks, entry.committed ? entry.blocks : entry.staged.length);
      await stageFile(file, entry, record.blockSize, () => {
        bar.increment();
        sent++;
        void save();
      }).catch((error: unknown) => {
        throw storageFailure(basename(file.path), error);
      });
      await save();
    }
  } finally {
    bars.stop();
    await saving;
  }
  io.err(`Uploaded ${sent} blocks; committing the session.\n`);
  return (await (await api.request('POST', `/uploads/${encodeURIComponent(record.sessionId)}/commit`)).json()) as Accepted;
}
