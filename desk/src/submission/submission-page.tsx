import { useState } from 'preact/hooks';
import { apiFetch } from '../api/api-fetch.js';
import { links } from '../routing/links.js';
import { announce } from '../shared/announce.js';
import { ConfirmDialog } from '../shared/confirm-dialog.js';
import { ErrorNote } from '../shared/error-note.js';
import { formatTime } from '../shared/format-time.js';
import { StatusBadge } from '../shared/status-badge.js';
import { CHANNEL_NAMES } from '../submissions/channel-name.js';
import { DeliveriesLog } from './deliveries-log.js';
import { FileCard } from './file-card.js';
import { useSubmission } from './use-submission.js';

const FINAL = ['completed', 'partial', 'failed', 'cancelled'];

/** One submission: its files as cards, its deliveries, and Cancel while it is still in flight. */
export function SubmissionPage({ id }: { id: string }) {
  const { data: submission, error, reload } = useSubmission(id);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<Error>();
  const base = `/api/staff/submissions/${encodeURIComponent(id)}`;

  const act = async (what: string, path: string, done: string) => {
    setBusy(what);
    setActionError(undefined);
    try {
      await apiFetch(path, { method: 'POST' });
      announce(done);
      reload();
    } catch (e) {
      setActionError(e as Error);
    } finally {
      setBusy(null);
    }
  };

  if (!submission) {
    return (
      <>
        <h1>Submission {id}</h1>
        <p>
          <a href={links.submissions()}>All submissions</a>
        </p>
        {error ? <ErrorNote error={error} /> : <p class="muted">Loading…</p>}
      </>
    );
  }
  const inFlight = !FINAL.includes(submission.status);
  return (
    <>
      <p>
        <a href={links.submissions()}>All submissions</a>
      </p>
      <h1>{submission.reference ?? `Submission ${submission.submissionId}`}</h1>
      <div class="summary">
        <StatusBadge status={submission.status} />
        <span>
          {submission.progress.done} of {submission.progress.total} files done
        </span>
        <span>{submission.clientName}</span>
        <span>{CHANNEL_NAMES[submission.channel] ?? submission.channel}</span>
        <span>priority {submission.priority}</span>
        <span>received {formatTime(submission.receivedAt)}</span>
        <code>{submission.submissionId}</code>
        {inFlight && (
          <button type="button" class="danger" disabled={busy === 'cancel'} onClick={() => setConfirming(true)}>
            Cancel submission
          </button>
        )}
      </div>
      <ErrorNote error={error ?? actionError} />
      <ConfirmDialog
        open={confirming}
        title="Cancel this submission?"
        confirmLabel="Cancel submission"
        cancelLabel="Keep it"
        onClose={() => setConfirming(false)}
        onConfirm={() => void act('cancel', `${base}/cancel`, 'Submission cancelled')}
      >
        <p>
          Its files stop being analysed, what was stored for it is removed, and the client's webhook is told it was cancelled. This cannot
          be undone.
        </p>
      </ConfirmDialog>
      <section aria-label="Files" class="cards">
        {submission.files.map((file) => (
          <FileCard key={file.fileId} file={file} submissionId={submission.submissionId} />
        ))}
      </section>
      <h2>Deliveries</h2>
      <DeliveriesLog
        deliveries={submission.deliveries}
        busy={busy}
        onReplay={(deliveryId) =>
          void act(deliveryId, `${base}/deliveries/${encodeURIComponent(deliveryId)}/replay`, `Delivery ${deliveryId} sent again`)
        }
      />
    </>
  );
}
