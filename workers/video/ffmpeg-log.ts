/**
 * The first line ffmpeg or ffprobe logged at `-v error`, without the "[mov,mp4,… @ 0x55d…]" prefix or
 * the input path, for a failure reason a person can read ("moov atom not found").
 */
export function firstComplaint(stderr: string): string {
  const line = stderr.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  return line
    .replace(/^\[[^\]]*@ 0x[0-9a-f]+\]\s*/i, '')
    .replace(/^file:.*?: /, '')
    .trim();
}

/**
 * The last `out_time` in ffmpeg's `-progress` output, in seconds: how far the output got. 0 when none
 * was written or it is negative (ffmpeg prints a large negative time before the first packet).
 */
export function lastOutTime(progress: string): number {
  const times = [...progress.matchAll(/^out_time=(-?)(\d+):(\d+):(\d+(?:\.\d+)?)\s*$/gm)];
  const last = times.at(-1);
  if (!last || last[1] === '-') return 0;
  return Number(last[2]) * 3600 + Number(last[3]) * 60 + Number(last[4]);
}
