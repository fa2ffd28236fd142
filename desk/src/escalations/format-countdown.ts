/**
 * Time left before an escalation's grace period ends, as a clock: `4:05`, `1:02:03`; `overdue` once it passed (the
 * file then times out unless the resolve is already on its way).
 */
export function formatCountdown(deadline: string, now: number): string {
  const left = Math.ceil((Date.parse(deadline) - now) / 1000);
  if (!Number.isFinite(left)) return '—';
  if (left <= 0) return 'overdue';
  const h = Math.floor(left / 3600);
  const m = Math.floor(left / 60) % 60;
  const s = String(left % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
