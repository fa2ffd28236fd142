import type { WatchRow } from './watch-row.js';

const files = (n: number): string => `${n} file${n === 1 ? '' : 's'}`;

/** What the status means to the client who sent the submission, in words. */
function wording(row: WatchRow): string {
  switch (row.status) {
    case 'received':
      return `received ${files(row.fileCount)}, waiting to be analysed`;
    case 'processing':
      return `analysing: ${row.done} of ${files(row.fileCount)} done`;
    case 'completed':
      return `done: ${row.fileCount === 1 ? 'the file was' : `all ${files(row.fileCount)} were`} analysed`;
    case 'partial':
      return 'done, but some files could not be analysed';
    case 'failed':
      return 'failed: no file could be analysed';
    case 'cancelled':
      return 'cancelled';
    default:
      return row.status;
  }
}

/** One line of `newsdesk watch`: when it changed (UTC), status, id, reference, files done of total, and in words. */
export function watchLine(row: WatchRow): string {
  const time = new Date(row.updatedAt).toISOString().slice(11, 19);
  return `${time}  ${row.status.padEnd(10)}  ${row.submissionId}  ${row.reference ?? '-'}  ${row.done}/${row.fileCount}  ${wording(row)}`;
}
