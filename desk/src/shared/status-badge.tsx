const TONES: Record<string, string> = {
  completed: 'good',
  delivered: 'good',
  analysed: 'good',
  up: 'good',
  safe: 'good',
  partial: 'warn',
  escalated: 'warn',
  'timed-out': 'warn',
  retry: 'warn',
  suggestive: 'warn',
  'circuit-open': 'warn',
  failed: 'bad',
  gone: 'bad',
  'rejected-url': 'bad',
  down: 'bad',
  explicit: 'bad',
  cancelled: 'muted',
  unknown: 'muted',
};

/** A state in words on a quiet colour: the word carries the meaning, the colour only helps the eye scan. */
export function StatusBadge({ status }: { status: string }) {
  return <span class={`badge badge-${TONES[status] ?? 'active'}`}>{status}</span>;
}
