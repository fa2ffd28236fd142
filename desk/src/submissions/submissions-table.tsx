import type { SubmissionRow } from '../api/types.js';
import { links } from '../routing/links.js';
import { formatAge } from '../shared/format-age.js';
import { formatTime } from '../shared/format-time.js';
import { StatusBadge } from '../shared/status-badge.js';
import { CHANNEL_NAMES } from './channel-name.js';

/** One page of submissions, dense: what an editor scans for is status, client, reference and age. */
export function SubmissionsTable({ rows, now }: { rows: SubmissionRow[]; now: number }) {
  return (
    <div class="table-scroll">
      <table class="grid">
        <caption>Submissions</caption>
        <thead>
          <tr>
            <th scope="col">Received</th>
            <th scope="col">Status</th>
            <th scope="col">Client</th>
            <th scope="col">Reference</th>
            <th scope="col">Channel</th>
            <th scope="col" class="num">
              Files
            </th>
            <th scope="col">Topics and labels</th>
            <th scope="col">Flags</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.submissionId}>
              <td>
                <time dateTime={row.receivedAt} title={formatTime(row.receivedAt)}>
                  {formatAge(row.receivedAt, now)}
                </time>
              </td>
              <td>
                <StatusBadge status={row.status} />
              </td>
              <td>{row.clientName}</td>
              <td>
                <a href={links.submission(row.submissionId)}>{row.reference ?? row.names[0] ?? row.submissionId}</a>
              </td>
              <td>{CHANNEL_NAMES[row.channel] ?? row.channel}</td>
              <td class="num">
                {row.done}/{row.fileCount}
              </td>
              <td class="tags">{[...row.topics, ...row.labels.slice(0, 4)].join(', ')}</td>
              <td>
                {row.escalated > 0 && <span class="flag">{row.escalated} escalated</span>}
                {row.duplicate && <span class="flag">duplicate</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
