import type { z } from 'zod';

/**
 * The one wording of zod's complaints, for settings and request bodies alike: `NAME: message; …`. A message that
 * already starts with its setting's name (a custom one that explains the setting) is not prefixed again.
 */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const path = issue.path.map(String).join('.') || '(root)';
      return issue.message.startsWith(path) ? issue.message : `${path}: ${issue.message}`;
    })
    .join('; ');
}
