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

const KNOWN = new Set(['webhookUrl', 'reference', 'priority', 'metadata']);
const MAX_METADATA = 16 * 1024;

/** Validates the non-file fields of a submission (multipart fields or upload-session JSON). */
export async function validateFields(
  raw: Record<string, unknown>,
  deps: Pick<IngestDeps, 'allowList' | 'lookup'>,
  fallbackWebhook?: string,
): Promise<SubmissionFields> {
  for (const name of Object.keys(raw)) {
    if (!KNOWN.has(name)) throw new HttpError(400, 'unknown-field', 'Unknown field', `The field '${name}' is not part of a submission.`);
  }
  const rawUrl = raw.webhookUrl ?? fallbackWebhook;
  if (typeof rawUrl !== 'string' || rawUrl.length === 0)
    throw new HttpError(400, 'missing-webhook-url', 'Webhook URL required', 'Give webhookUrl: where the result is delivered.');
  const webhook = await checkWebhookUrl(rawUrl, { allowlist: deps.allowList, lookup: deps.lookup });
  const reference = raw.reference;
  if (reference !== undefined && (typeof reference !== 'string' || reference.length > 200)) {
    throw new HttpError(400, 'invalid-reference', 'Invalid reference', 'reference is a string of at most 200 characters.');
  }
  const p = priorityEnum.safeParse(raw.priority ?? 'normal');
  if (!p.success) throw new HttpError(400, 'invalid-priority', 'Invalid priority', "priority is 'normal' or 'urgent'.");
  return { webhookUrl: webhook.href, reference: reference || undefined, priority: p.data, metadata: parseMetadata(raw.metadata) };
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
