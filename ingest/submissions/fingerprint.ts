import { createHash } from 'node:crypto';

/** What makes two requests "the same body" for Idempotency-Key: the fields and each file's name, size and hash. */
export function fingerprint(fields: Record<string, unknown>, files: { name: string; size: number; sha256: string }[]): string {
  const canonical = JSON.stringify({
    fields: Object.keys(fields)
      .sort()
      .map((k) => [k, fields[k]]),
    files: files.map((f) => [f.name, f.size, f.sha256]),
  });
  return createHash('sha256').update(canonical).digest('hex');
}
