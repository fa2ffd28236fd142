import { useEffect } from 'preact/hooks';
import { apiFetch } from '../api/api-fetch.js';
import { onLiveRow } from '../api/live-rows.js';
import type { Escalation } from '../api/types.js';
import { useLoad } from '../shared/use-load.js';

/** Loads the queue; a submission that changes (a new escalation, one resolved) reloads it. */
export function useEscalations() {
  const loaded = useLoad(() => apiFetch<{ escalations: Escalation[] }>('/api/staff/escalations').then((b) => b.escalations), 'all');
  const { reload } = loaded;
  // A busy stream brings many rows a second: reload at most twice a second, not once per row.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = onLiveRow(() => {
      timer ??= setTimeout(() => {
        timer = undefined;
        reload();
      }, 500);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [reload]);
  return loaded;
}
