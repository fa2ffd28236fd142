import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SUMMARY_SCHEMA_FILE } from '../../contracts/summary-json-schema.js';
import { ROOT } from './root.js';

// The committed JSON Schema that clients are given (docs/schemas), not the zod source it is generated from: a
// delivery is checked against what a client checks it against.
const published = z.fromJSONSchema(JSON.parse(readFileSync(join(ROOT, 'docs/schemas', SUMMARY_SCHEMA_FILE), 'utf8')) as never);

/** Why a body is not a submission summary as the published JSON Schema describes one; null when it is one. */
export function summaryIssues(body: unknown): string | null {
  const parsed = published.safeParse(body);
  return parsed.success ? null : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
}
