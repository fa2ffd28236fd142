import type { SubmissionFile } from '../api/types.js';
import { links } from '../routing/links.js';
import { formatBytes } from '../shared/format-bytes.js';
import { formatTime } from '../shared/format-time.js';
import { StatusBadge } from '../shared/status-badge.js';
import { FileContent } from './file-content.js';
import { FileFacts } from './file-facts.js';
import { FileMedia } from './file-media.js';
import { FileTimeline } from './file-timeline.js';
import { mediaKindOf } from './media-kind.js';

/** Everything about one file of a submission, in the order an editor checks it. */
export function FileCard({ file, submissionId }: { file: SubmissionFile; submissionId: string }) {
  const waiting = file.escalated && !file.resolution && !['completed', 'failed', 'timed-out'].includes(file.state);
  return (
    <article class="card" aria-label={file.name}>
      <header class="card-head">
        <h2>{file.name}</h2>
        <StatusBadge status={file.state} />
        {/* The badge already says so while it waits; afterwards the flag keeps the history. */}
        {file.escalated && file.state !== 'escalated' && <span class="flag">escalated</span>}
        <span class="muted">
          {file.contentType} · {formatBytes(file.size)}
        </span>
      </header>
      {file.reason && <p class="reason">Reason: {file.reason}</p>}
      {waiting && (
        <p>
          <a href={links.escalation(submissionId, file.fileId)}>Resolve this escalation</a>
        </p>
      )}
      {file.resolution && (
        <p class="resolution">
          Resolved by {file.resolution.by.name} at {formatTime(file.resolution.at)}: {file.resolution.outcome}
          {file.resolution.reason && ` (${file.resolution.reason})`}
          {file.resolution.note && ` — ${file.resolution.note}`}
        </p>
      )}
      <div class="card-body">
        <FileMedia name={file.name} kind={mediaKindOf(file.contentType)} assets={file.assets} />
        <div>
          <FileFacts analysis={file.analysis} />
          <FileContent analysis={file.analysis} />
          {file.duplicates.length > 0 && (
            <>
              <h3>Duplicates</h3>
              <ul>
                {file.duplicates.map((d) => (
                  <li key={`${d.submissionId}/${d.fileId}`}>
                    <a href={links.submission(d.submissionId)}>{d.name}</a>{' '}
                    <span class="muted">{d.exact ? 'same bytes' : `looks alike (distance ${d.distance})`}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          <h3>Timeline</h3>
          <FileTimeline steps={file.timeline} />
        </div>
      </div>
    </article>
  );
}
