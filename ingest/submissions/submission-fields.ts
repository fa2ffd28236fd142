import { priority as priorityEnum, type Priority } from '../../contracts/submission.js';
import type { IngestDeps } from '../deps.js';
import { HttpError } from '../http/http-error.js';
import { checkWebhookUrl } from '../../lib/net/webhook-url.js';

export interface SubmissionFields {
  webhookUrl: string;
  reference?: string;
  priority: Priority;
  metadata?: Record<string, unknown>;
}

type FieldDeps = Pick<IngestDeps, 'allowList' | 'lookup'>;

const MAX_METADATA = 16 * 1024;

/**
 * Checks one non-file field on its own, so that multipart intake can refuse a bad field as it
 * arrives, before any file after it is stored. Returns the field's parsed value.
 */
export async function checkField(name: string, value: unknown, deps: FieldDeps): Promise<Partial<SubmissionFields>> {
  switch (name) {
    case 'webhookUrl':
      if (typeof value !== 'string' || value.length === 0)
        throw new HttpError(400, 'missing-webhook-url', 'Webhook URL required', 'Give webhookUrl: where the result is delivered.');
      return { webhookUrl: (await checkWebhookUrl(value, { allowlist: deps.allowList, lookup: deps.lookup })).href };
    case 'reference':
      if (value !== undefined && (typeof value !== 'string' || value.length > 200))
        throw new HttpError(400, 'invalid-reference', 'Invalid reference', 'reference is a string of at most 200 characters.');
      return { reference: value || undefined };
    case 'priority':
      return { priority: parsePriority(value) };
    case 'metadata':
      return { metadata: parseMetadata(value) };
    default:
      throw new HttpError(400, 'unknown-field', 'Unknown field', `The field '${name}' is not part of a submission.`);
  }
}

/** Fills in what no field gave: the client's default webhook and the normal priority. */
export async function completeFields(
  given: Partial<SubmissionFields>,
  deps: FieldDeps,
  fallbackWebhook?: string,
): Promise<SubmissionFields> {
  const webhookUrl = given.webhookUrl ?? (await checkField('webhookUrl', fallbackWebhook, deps)).webhookUrl!;
  return { ...given, webhookUrl, priority: given.priority ?? parsePriority(undefined) };
}

/** Validates the non-file fields of a submission all at once (upload-session JSON, e-mail). */
export async function validateFields(raw: Record<string, unknown>, deps: FieldDeps, fallbackWebhook?: string): Promise<SubmissionFields> {
  const given: Partial<SubmissionFields> = {};
  for (const [name, value] of Object.entries(raw)) if (value !== undefined) Object.assign(given, await checkField(name, value, deps));
  return completeFields(given, deps, fallbackWebhook);
}

function parsePriority(value: unknown): Priority {
  const p = priorityEnum.safeParse(value ?? 'normal');
  if (!p.success) throw new HttpError(400, 'invalid-priority', 'Invalid priority', "priority is 'normal' or 'urgent'.");
  return p.data;
}

function parseMetadata(value: unknown): Record<string, unknown> | undefined {
  if (value === undefined || value === '') return undefined;
  let parsed = value;
  if (typeof value === 'string') {
    if (value.length > MAX_METADATA)
      throw new HttpError(400, 'invalid-metadata', 'Invalid metadata', `metadata is at most ${MAX_METADATA} bytes of JSON.`);
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new HttpError(400, 'invalid-metadata', 'Invalid metadata', 'metadata is not valid JSON.');
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HttpError(400, 'invalid-metadata', 'Invalid metadata', 'metadata must be a JSON object.');
  }
  if (JSON.stringify(parsed).length > MAX_METADATA)
    throw new HttpError(400, 'invalid-metadata', 'Invalid metadata', `metadata is at most ${MAX_METADATA} bytes of JSON.`);
  return parsed as Record<string, unknown>;
}
