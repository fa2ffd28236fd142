import type { z } from 'zod';

/**
 * The platform's one wording of what is wrong with a configuration file: one line per field at fault, named by its
 * path (`subscriptions[0].destination`), and an unknown key named as the field it would be.
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const path = [...issue.path];
    if (issue.code === 'unrecognized_keys') path.push(issue.keys.join(','));
    return `${formatPath(path) || '(root)'}: ${issue.message}`;
  });
}

function formatPath(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}
