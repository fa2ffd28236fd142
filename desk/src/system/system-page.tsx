import { useEffect } from 'preact/hooks';
import { apiFetch } from '../api/api-fetch.js';
import type { SystemView } from '../api/types.js';
import { links } from '../routing/links.js';
import { EmptyTable } from '../shared/empty-table.js';
import { ErrorNote } from '../shared/error-note.js';
import { formatAge } from '../shared/format-age.js';
import { formatTime } from '../shared/format-time.js';
import { useLoad } from '../shared/use-load.js';
import { useNow } from '../shared/use-now.js';
import { ClassifierState } from './classifier-state.js';

const REFRESH_MS = 5000;

/** How the pipeline is doing, for operators: queue, workers, classifier, recent failures and dead letters. */
export function SystemPage() {
  const { data, error, reload } = useLoad(() => apiFetch<SystemView>('/api/staff/system'), 'system');
  const now = useNow(REFRESH_MS);
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  return (
    <>
      <h1>System</h1>
      <ErrorNote error={error} />
      {!data ? (
        <p class="muted">Loading…</p>
      ) : (
        <>
          <dl class="stats">
            <div>
              <dt>Queue {data.queue.name}</dt>
              <dd>{data.queue.depth} waiting</dd>
            </div>
            <div>
              <dt>Workers</dt>
              <dd>{data.workers.running} running</dd>
            </div>
            <div>
              <dt>Classifier</dt>
              <dd>
                <ClassifierState classifier={data.classifier} now={now} />
              </dd>
            </div>
          </dl>
          <div class="table-scroll">
            <table class="grid">
              <caption>Workers</caption>
              <thead>
                <tr>
                  <th scope="col">Worker</th>
                  <th scope="col">Last seen</th>
                </tr>
              </thead>
              <tbody>
                {data.workers.instances.map((w) => (
                  <tr key={w.id}>
                    <td>
                      <code>{w.id}</code>
                    </td>
                    <td>
                      {formatAge(w.lastSeenAt, now)}
                      {w.problem && <strong> · not taking jobs: {w.problem}</strong>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {data.failures.length === 0 ? (
            <EmptyTable caption="Last failures" note="No failures." />
          ) : (
            <div class="table-scroll">
              <table class="grid">
                <caption>Last failures</caption>
                <thead>
                  <tr>
                    <th scope="col">At</th>
                    <th scope="col">File</th>
                    <th scope="col">Reason</th>
                  </tr>
                </thead>
                <tbody>
                  {data.failures.map((f) => (
                    <tr key={`${f.submissionId}/${f.fileId}/${f.at}`}>
                      <td>{formatTime(f.at)}</td>
                      <td>
                        <a href={links.submission(f.submissionId)}>{f.name ?? f.fileId}</a>
                      </td>
                      <td>{f.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {data.deadLetters.length === 0 ? (
            <EmptyTable caption="Dead letters (Event Grid)" note="No dead letters." />
          ) : (
            <div class="table-scroll">
              <table class="grid">
                <caption>Dead letters (Event Grid)</caption>
                <thead>
                  <tr>
                    <th scope="col">At</th>
                    <th scope="col">Event</th>
                    <th scope="col">Subject</th>
                    <th scope="col">Reason</th>
                  </tr>
                </thead>
                <tbody>
                  {data.deadLetters.map((d) => (
                    <tr key={d.id}>
                      <td>{formatTime(d.at)}</td>
                      <td>{d.eventType}</td>
                      <td>
                        <code>{d.subject}</code>
                      </td>
                      <td>{d.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </>
  );
}
