import { useEffect } from 'preact/hooks';
import { apiFetch } from '../api/api-fetch.js';
import { onLiveRow } from '../api/live-rows.js';
import type { Escalation } from '../api/types.js';
import { useLoad } from '../shared/use-load.js';

/** Loads the queue; a submission that changes (a new escalation, one resolved) reloads it. */
export function useEscalations() {
  const loaded = useLoad(() => apiFetch<{ escalations: Escalation[] }>('/api/staff/escalations').then((b) => b.escalations), 'all');
  const { reload } = loaded;
  useEffect(() => onLiveRow(() => reload()), [reload]);
  return loaded;
}
