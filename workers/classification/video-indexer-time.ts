/**
 * A time on a video's time line as Video Indexer writes it (.NET TimeSpan): `H:MM:SS` with unpadded hours, then the
 * fraction in 100 ns ticks with trailing zeros dropped — "0:00:00", "0:00:45.5", "0:00:01.5682333", "1:02:03.25".
 */
export function formatVideoIndexerTime(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError(`not a time on a video's time line: ${seconds}`);
  const ticks = Math.round(seconds * 1e7);
  const whole = Math.floor(ticks / 1e7);
  const fraction = ticks % 1e7;
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = `${Math.floor(whole / 3600)}:${pad(Math.floor((whole % 3600) / 60))}:${pad(whole % 60)}`;
  return fraction === 0 ? clock : `${clock}.${String(fraction).padStart(7, '0').replace(/0+$/, '')}`;
}
