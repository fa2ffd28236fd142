import type { TimelineStep } from '../api/types.js';
import { formatDuration } from '../shared/format-duration.js';
import { formatTime } from '../shared/format-time.js';

/** The file's states in order, each with the time it took since the one before. */
export function FileTimeline({ steps }: { steps: TimelineStep[] | undefined }) {
  if (!steps || steps.length === 0) return null;
  return (
    <ol class="timeline" aria-label="Timeline">
      {steps.map((step, i) => (
        <li key={`${step.state}-${i}`}>
          <span class="state">{step.state}</span> <time dateTime={step.at}>{formatTime(step.at)}</time>
          {i > 0 && <span class="muted"> · after {formatDuration(step.durationMs)}</span>}
        </li>
      ))}
    </ol>
  );
}
