import type { AddressObject, Attachment, EmailAddress, ParsedMail } from 'mailparser';
import { attachmentName, fallbackName } from './attachment-name.js';
import type { InboundEmail } from './inbound-email.js';
import { internetMessageId } from './message-id.js';

/** The SMTP envelope: who the sending MTA says the mail is from and for (MAIL FROM, RCPT TO). */
export interface MailEnvelope {
  from?: string;
  to: string[];
}

export interface ToInboundEmailOptions {
  /** The message's raw bytes, hashed for a stable id when it has no Message-ID header. */
  raw?: Buffer | string;
  /** The clock, for a message without a Date header. */
  now?: () => Date;
}

/** Limits applied by shortening, so that a long header never turns a mail away. */
const MAX_TO = 2000;
const MAX_SUBJECT = 1000;

/**
 * Builds, from a parsed SMTP message, the JSON the Logic App posts for an Office 365 mail, so that
 * the endpoint cannot tell the mail drop from Azure. A mail with no sender address at all gets an
 * empty `from`: whether that is acceptable is the endpoint's (or the drop's `check`'s) to say.
 */
export function toInboundEmail(parsed: ParsedMail, envelope?: MailEnvelope, options: ToInboundEmailOptions = {}): InboundEmail {
  const from = addresses(parsed.from)[0] ?? envelope?.from ?? '';
  const headerTo = addresses(parsed.to);
  const to = joinWithin(headerTo.length > 0 ? headerTo : (envelope?.to ?? []), MAX_TO);
  return {
    from,
    ...(to === '' ? {} : { to }),
    subject: clip(parsed.subject ?? '', MAX_SUBJECT),
    receivedDateTime: (parsed.date ?? options.now?.() ?? new Date()).toISOString(),
    internetMessageId: internetMessageId(parsed, options.raw),
    attachments: fileAttachments(parsed.attachments),
    ...(envelope?.from ? { envelopeFrom: envelope.from } : {}),
  };
}

/**
 * Every attachment that is a file the sender meant to send. Office 365 lists inline parts too, so
 * a photo pasted into the body (Apple Mail sends those inline, with a file name) is kept; only a
 * nameless part the HTML body merely displays (`cid:` image of a signature) is left out.
 */
function fileAttachments(parts: Attachment[]): InboundEmail['attachments'] {
  return parts
    .filter((a) => a.filename !== undefined || !a.related)
    .map((a, i) => ({
      name: attachmentName(a.filename) ?? fallbackName(i, a.contentType),
      contentType: a.contentType.slice(0, 255),
      contentBytes: a.content.toString('base64'),
    }));
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const flat = (list: EmailAddress[]): string[] => list.flatMap((a) => (a.group ? flat(a.group) : a.address ? [a.address] : []));
  return [field ?? []].flat().flatMap((o) => flat(o.value));
}

/** Joins as many whole addresses as fit: a truncated address would be worse than a missing one. */
function joinWithin(list: string[], max: number): string {
  let out = '';
  for (const address of list) {
    const next = out === '' ? address : `${out}, ${address}`;
    if (next.length > max) break;
    out = next;
  }
  return out;
}

/** Cuts to `max` UTF-16 units without splitting a surrogate pair. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return text.slice(0, /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max);
}
