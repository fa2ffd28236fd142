import { useEffect } from 'preact/hooks';
import { apiFetch } from '../api/api-fetch.js';
import { onLiveRow } from '../api/live-rows.js';
import type { SubmissionDetail } from '../api/types.js';
import { useLoad, type Loaded } from '../shared/use-load.js';

/** One submission, fetched again whenever the live stream says its row changed. */
export function useSubmission(id: string | null): Loaded<SubmissionDetail | null> {
  const loaded = useLoad(
    () => (id ? apiFetch<SubmissionDetail>(`/api/staff/submissions/${encodeURIComponent(id)}`) : Promise.resolve(null)),
    id ?? '',
  );
  const { reload } = loaded;
  useEffect(() => (id ? onLiveRow((row) => row.submissionId === id && reload()) : undefined), [id, reload]);
  return loaded;
}
