/**
 * How long ago, compactly, for dense tables and notes: `just now`, `40 s ago`, `12 min ago`, `3 h ago`, `5 d ago`.
 * The whole phrase, so no caller glues `ago` onto `just now`. A time in the future (clocks a little apart) is `just now`.
 */
export function formatAge(iso: string, now: number): string {
  const seconds = Math.floor((now - Date.parse(iso)) / 1000);
  if (!Number.isFinite(seconds)) return '—';
  if (seconds < 1) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}
