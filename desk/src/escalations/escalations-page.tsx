import { links } from '../routing/links.js';
import { ErrorNote } from '../shared/error-note.js';
import { formatAge } from '../shared/format-age.js';
import { formatTime } from '../shared/format-time.js';
import { useNow } from '../shared/use-now.js';
import { formatCountdown } from './format-countdown.js';
import { useEscalations } from './use-escalations.js';

/** Files waiting for an editor, oldest first, each with the time left before it times out. */
export function EscalationsPage() {
  const { data, error, loading } = useEscalations();
  const now = useNow(1000);
  const escalations = data ?? [];
  return (
    <>
      <h1>Escalations</h1>
      <p class="muted">
        Files whose analysis did not come back in time. Supply the analysis, or mark the file failed, before its deadline.
      </p>
      <ErrorNote error={error} />
      {escalations.length === 0 ? (
        <p class="muted">{loading && !data ? 'Loading…' : 'Nothing is waiting.'}</p>
      ) : (
        <div class="table-scroll">
          <table class="grid">
            <caption>Escalations</caption>
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Client</th>
                <th scope="col">Reference</th>
                <th scope="col">Escalated</th>
                <th scope="col" class="num">
                  Time left
                </th>
              </tr>
            </thead>
            <tbody>
              {escalations.map((e) => {
                const left = formatCountdown(e.deadline, now);
                return (
                  <tr key={`${e.submissionId}/${e.fileId}`}>
                    <td>
                      <a href={links.escalation(e.submissionId, e.fileId)}>{e.name}</a> <span class="muted">{e.mediaType}</span>
                    </td>
                    <td>{e.clientName}</td>
                    <td>{e.reference ?? '—'}</td>
                    <td>
                      <time dateTime={e.escalatedAt} title={formatTime(e.escalatedAt)}>
                        {formatAge(e.escalatedAt, now)}
                      </time>
                    </td>
                    <td class={`num countdown${left === 'overdue' ? ' overdue' : ''}`}>
                      <time dateTime={e.deadline}>{left}</time>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
