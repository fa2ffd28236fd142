import { createHash } from 'node:crypto';
import type { ParsedMail } from 'mailparser';

/** Where ids made up by the mail drop point: a reserved domain (RFC 2606), so they never clash with a real one. */
const DOMAIN = 'maildrop.newsdesk.invalid';

/**
 * The message's Internet Message-ID, angle brackets kept as Office 365 reports `internetMessageId`.
 *
 * The ingest endpoint deduplicates on this id, and a sending MTA that got a 4xx resends the very
 * same bytes. A mail without a usable Message-ID header (scanners, scripts, some phones) therefore
 * gets an id derived from a SHA-256 of its raw bytes: the resend maps to the same id and is
 * recognised as a duplicate, where a random id would make a second submission.
 */
export function internetMessageId(parsed: ParsedMail, raw?: Buffer | string): string {
  const header = parsed.messageId?.trim();
  if (header !== undefined && header.length >= 3 && header.length <= 998) return header;
  return `<${digest(parsed, raw)}@${DOMAIN}>`;
}

/** Without the raw bytes, hashes what the parser kept of them: every header line, the body and each attachment. */
function digest(parsed: ParsedMail, raw?: Buffer | string): string {
  const hash = createHash('sha256');
  if (raw !== undefined) return hash.update(raw).digest('hex');
  for (const line of parsed.headerLines) hash.update(`${line.line}\r\n`);
  hash.update(`\r\n${parsed.text ?? ''}\u0000${typeof parsed.html === 'string' ? parsed.html : ''}`);
  for (const a of parsed.attachments) hash.update(`\u0000${a.filename ?? ''}\u0000`).update(a.content);
  return hash.digest('hex');
}
