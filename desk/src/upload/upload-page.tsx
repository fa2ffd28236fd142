import { useEffect, useState } from 'preact/hooks';
import type { Accepted, Client } from '../api/types.js';
import { links } from '../routing/links.js';
import { announce } from '../shared/announce.js';
import { ErrorNote } from '../shared/error-note.js';
import { formatBytes } from '../shared/format-bytes.js';
import { loadClients } from '../shared/staff-lists.js';
import { StatusBadge } from '../shared/status-badge.js';
import { useSubmission } from '../submission/use-submission.js';
import { uploadMultipart } from './upload-multipart.js';
import { uploadMethod } from '../../../contracts/upload-method.js';
import { uploadSession } from './upload-session.js';

/**
 * Sends files as one submission on a client's behalf: dropped or chosen, each with its progress bar; big ones through
 * an upload session in blocks. Afterwards the page follows the submission live.
 */
export function UploadPage() {
  const [clients, setClients] = useState<Client[]>([]);
  const [clientId, setClientId] = useState('');
  const [reference, setReference] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [progress, setProgress] = useState<number[]>([]);
  const [sending, setSending] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [error, setError] = useState<Error>();
  const [accepted, setAccepted] = useState<Accepted>();
  const { data: submission } = useSubmission(accepted?.submissionId ?? null);

  useEffect(() => {
    loadClients().then((list) => {
      setClients(list);
      setClientId((current) => current || (list[0]?.clientId ?? ''));
    }, setError);
  }, []);

  const add = (list: FileList | null | undefined) => {
    if (!list || list.length === 0) return;
    setFiles((current) => [...current, ...Array.from(list)]);
    setAccepted(undefined);
    setProgress([]);
  };

  const send = async (event: Event) => {
    event.preventDefault();
    setSending(true);
    setError(undefined);
    setProgress(files.map(() => 0));
    try {
      const upload = uploadMethod(files.map((f) => f.size)) === 'session' ? uploadSession : uploadMultipart;
      const answer = await upload(clientId, files, reference.trim(), setProgress);
      setAccepted(answer);
      announce(`Uploaded ${files.length} file${files.length === 1 ? '' : 's'}; following the submission`);
    } catch (e) {
      setError(e as Error);
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <h1>Upload</h1>
      <form class="upload" onSubmit={send}>
        <label>
          Client
          <select value={clientId} onChange={(e) => setClientId(e.currentTarget.value)} required>
            {clients.map((c) => (
              <option key={c.clientId} value={c.clientId}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Reference (optional)
          <input type="text" value={reference} onInput={(e) => setReference(e.currentTarget.value)} />
        </label>
        <div
          role="group"
          aria-label="Drop files here"
          class={`dropzone${dragging ? ' dragging' : ''}`}
          onDragOver={(e) => (e.preventDefault(), setDragging(true))}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            add(e.dataTransfer?.files);
          }}
        >
          <p>Drop photos and videos here, or</p>
          <label class="button">
            Choose files
            <input
              class="visually-hidden"
              type="file"
              multiple
              accept="image/*,video/*"
              onChange={(e) => {
                add(e.currentTarget.files);
                e.currentTarget.value = '';
              }}
            />
          </label>
        </div>
        {files.length > 0 && (
          <ul class="upload-files" aria-label="Files to upload">
            {files.map((file, i) => (
              <li key={`${file.name}-${i}`}>
                <span class="name">{file.name}</span> <span class="muted">{formatBytes(file.size)}</span>
                <progress aria-label={`Uploading ${file.name}`} max={1} value={progress[i] ?? 0} />
                {!sending && !accepted && (
                  <button type="button" onClick={() => setFiles(files.filter((_, j) => j !== i))}>
                    Remove<span class="visually-hidden"> {file.name}</span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        <ErrorNote error={error} />
        <div class="actions">
          <button type="submit" class="primary" disabled={sending || files.length === 0 || !clientId || !!accepted}>
            {sending ? 'Uploading…' : `Upload ${files.length || ''} file${files.length === 1 ? '' : 's'}`}
          </button>
          {accepted && (
            <button type="button" onClick={() => (setFiles([]), setProgress([]), setAccepted(undefined))}>
              New upload
            </button>
          )}
        </div>
      </form>
      {accepted && (
        <section aria-labelledby="following" class="following">
          <h2 id="following">
            Submission <a href={links.submission(accepted.submissionId)}>{accepted.submissionId}</a>
          </h2>
          {submission ? (
            <>
              <p aria-live="polite">
                <StatusBadge status={submission.status} /> {submission.progress.done} of {submission.progress.total} files done
              </p>
              <ul class="file-states">
                {submission.files.map((f) => (
                  <li key={f.fileId}>
                    {f.name} <StatusBadge status={f.state} />
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p class="muted">Waiting for the submission…</p>
          )}
        </section>
      )}
    </>
  );
}
