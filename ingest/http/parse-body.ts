import type { z } from 'zod';
import { formatIssues } from '../../lib/settings/format-issues.js';
import { HttpError } from './http-error.js';

/** A request body checked against its schema, or a 400 problem of the given kind that names every field at fault. */
export function parseBody<T extends z.ZodType>(schema: T, raw: unknown, problem: { code: string; title: string }): z.output<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new HttpError(400, problem.code, problem.title, formatIssues(parsed.error.issues));
  return parsed.data;
}
