import type { z } from 'zod';
import { formatIssues } from './format-issues.js';
import { InvalidSettings } from './invalid-settings.js';

/** Reads a process's settings from `env` with its schema; throws InvalidSettings naming every setting that is wrong. */
export function loadSettings<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>, label: string): z.output<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new InvalidSettings(label, formatIssues(parsed.error.issues));
  return parsed.data;
}
