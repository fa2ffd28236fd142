/** Instance ids as DTFx accepts them: at most 256 characters, none of `/ \ ? #` or control characters, not starting with `@`. */
export function instanceIdProblem(id: string): string | undefined {
  if (id.length === 0) return 'Instance ID must not be empty.';
  if (id.length > 256) return 'Instance ID must be 256 characters or fewer.';
  if (id.startsWith('@')) return "Instance ID must not start with '@'.";
  // eslint-disable-next-line no-control-regex
  if (/[/\\?#\u0000-\u001f\u007f]/.test(id)) return 'Instance ID must not contain /, \\, ?, # or control characters.';
  return undefined;
}
