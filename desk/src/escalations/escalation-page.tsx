import { useState } from 'preact/hooks';
import type { ResolveAnswer } from '../api/types.js';
import { links } from '../routing/links.js';
import { ErrorNote } from '../shared/error-note.js';
import { formatTime } from '../shared/format-time.js';
import { useNow } from '../shared/use-now.js';
import { FileMedia } from '../submission/file-media.js';
import { mediaKindOf } from '../submission/media-kind.js';
import { useSubmission } from '../submission/use-submission.js';
import { formatCountdown } from './format-countdown.js';
import { ResolveForm } from './resolve-form.js';
import { useEscalations } from './use-escalations.js';

/** One escalated file: its picture or keyframes, the time left, and the form to resolve it; afterwards, who did. */
export function EscalationPage({ submissionId, fileId }: { submissionId: string; fileId: string }) {
  const { data: queue, error } = useEscalations();
  const { data: submission } = useSubmission(submissionId);
  const [answer, setAnswer] = useState<ResolveAnswer>();
  const now = useNow(1000);
  const escalation = queue?.find((e) => e.submissionId === submissionId && e.fileId === fileId);
  const file = submission?.files.find((f) => f.fileId === fileId);
  const name = escalation?.name ?? file?.name ?? fileId;
  const resolution = answer ? { by: answer.resolvedBy, at: answer.resolvedAt, outcome: answer.outcome } : file?.resolution;
  return (
    <>
      <p>
        <a href={links.escalations()}>All escalations</a> · <a href={links.submission(submissionId)}>The submission</a>
      </p>
      <h1>Escalation: {name}</h1>
      <ErrorNote error={error} />
      {escalation && !resolution && (
        <p class="deadline">
          Time left: <time dateTime={escalation.deadline}>{formatCountdown(escalation.deadline, now)}</time>{' '}
          <span class="muted">
            (escalated {formatTime(escalation.escalatedAt)}, {escalation.clientName}
            {escalation.reference ? `, ${escalation.reference}` : ''})
          </span>
        </p>
      )}
      <div class="escalation">
        <FileMedia
          name={name}
          kind={mediaKindOf(escalation?.mediaType ?? file?.contentType ?? '')}
          assets={escalation?.assets ?? file?.assets}
        />
        <div>
          {resolution ? (
            <p class="resolution" role="status">
              Resolved by {resolution.by.name} at {formatTime(resolution.at)}:{' '}
              {resolution.outcome === 'failed' ? 'marked failed' : 'analysis supplied'}.
            </p>
          ) : escalation ? (
            <ResolveForm submissionId={submissionId} fileId={fileId} onResolved={setAnswer} />
          ) : (
            queue && (
              <p class="muted">
                This file is no longer waiting{file ? ` (it is ${file.state})` : ''}: its grace period ended or someone resolved it.
              </p>
            )
          )}
        </div>
      </div>
    </>
  );
}
