import type { SystemView } from '../api/types.js';
import { formatAge } from '../shared/format-age.js';
import { formatDuration } from '../shared/format-duration.js';
import { StatusBadge } from '../shared/status-badge.js';

/** What an `unknown` means, in words: it is no outage, only nothing that can say. */
const UNKNOWN_BECAUSE = {
  'no-health-endpoint': 'no health endpoint (Azure AI Vision)',
  'not-configured': 'no classifier configured',
} as const;

/** The classifier's state with what it means; an outage of a service with no health check shows as circuit-open. */
export function ClassifierState({ classifier, now }: { classifier: SystemView['classifier']; now: number }) {
  const because = classifier.state === 'unknown' && classifier.reason ? UNKNOWN_BECAUSE[classifier.reason] : undefined;
  return (
    <>
      <StatusBadge status={classifier.state} />
      {because && <span> — {because}</span>}
      {classifier.modelLoadMs !== null && <span> model loaded in {formatDuration(classifier.modelLoadMs)}</span>}
      <span class="note">
        checked {formatAge(classifier.checkedAt, now)}
        {classifier.reason === 'no-health-endpoint' && classifier.state === 'unknown' && '; an outage shows as circuit-open'}
      </span>
    </>
  );
}
