/** History timestamps: ISO 8601 with milliseconds, as the SDK parses them. */
export const isoTime = (ms: number): string => new Date(ms).toISOString();

/** .NET TimeSpan text (`d.hh:mm:ss.fff`), the format the SDK's duration settings arrive in. */
export function toTimeSpan(ms: number): string {
  const d = Math.floor(ms / 86_400_000);
  const rest = new Date(ms % 86_400_000).toISOString().slice(11, 23);
  return `${d}.${rest}`;
}
