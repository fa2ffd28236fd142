import { useEffect, useState } from 'preact/hooks';
import { apiFetch } from '../api/api-fetch.js';
import type { ResolveAnswer, Topic } from '../api/types.js';
import { announce } from '../shared/announce.js';
import { ErrorNote } from '../shared/error-note.js';
import { loadTopics } from '../shared/staff-lists.js';
import { TopicPicker } from './topic-picker.js';

interface Props {
  submissionId: string;
  fileId: string;
  onResolved: (answer: ResolveAnswer) => void;
}

/** The editor's answer to an escalation: the analysis (topics, labels, a note), or the file failed with a reason. */
export function ResolveForm({ submissionId, fileId, onResolved }: Props) {
  const [outcome, setOutcome] = useState<'analysed' | 'failed'>('analysed');
  const [topics, setTopics] = useState<Topic[]>([]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [labels, setLabels] = useState('');
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<Error>();
  useEffect(() => void loadTopics().then(setTopics, setError), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    const body =
      outcome === 'failed'
        ? { outcome, reason: reason.trim() }
        : {
            outcome,
            topics: chosen,
            labels: labels
              .split(',')
              .map((l) => l.trim())
              .filter(Boolean),
            ...(note.trim() ? { note: note.trim() } : {}),
          };
    setSending(true);
    setError(undefined);
    try {
      const answer = await apiFetch<ResolveAnswer>(
        `/api/staff/submissions/${encodeURIComponent(submissionId)}/files/${encodeURIComponent(fileId)}/resolve`,
        { method: 'POST', body },
      );
      announce(outcome === 'failed' ? 'File marked failed' : 'Analysis sent');
      onResolved(answer);
    } catch (e) {
      setError(e as Error);
    } finally {
      setSending(false);
    }
  };

  return (
    <form class="resolve" onSubmit={submit} aria-label="Resolve the escalation">
      <fieldset>
        <legend>Outcome</legend>
        <label>
          <input type="radio" name="outcome" checked={outcome === 'analysed'} onChange={() => setOutcome('analysed')} /> Supply the analysis
        </label>
        <label>
          <input type="radio" name="outcome" checked={outcome === 'failed'} onChange={() => setOutcome('failed')} /> Mark the file failed
        </label>
      </fieldset>
      {outcome === 'analysed' ? (
        <>
          <TopicPicker topics={topics} chosen={chosen} onChange={setChosen} />
          <label>
            Labels (comma-separated)
            <input type="text" value={labels} onInput={(e) => setLabels(e.currentTarget.value)} />
          </label>
          <label>
            Note
            <textarea rows={3} value={note} onInput={(e) => setNote(e.currentTarget.value)} maxLength={4000} />
          </label>
        </>
      ) : (
        <label>
          Reason
          <textarea rows={3} required value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        </label>
      )}
      <ErrorNote error={error} />
      <button type="submit" class="primary" disabled={sending || (outcome === 'failed' && !reason.trim())}>
        {outcome === 'failed' ? 'Mark failed' : 'Send analysis'}
      </button>
    </form>
  );
}
