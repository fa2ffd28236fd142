/**
 * What the Logic App's HTTP action posts for an Office 365 "When a new email arrives (V3)"
 * trigger, and so what the mail drop posts: addresses as text, attachments base64.
 */
export interface InboundEmail {
  from: string;
  /** Recipients, comma-separated; absent when the mail names none. */
  to?: string;
  subject: string;
  /** ISO 8601. */
  receivedDateTime: string;
  /** The Message-ID header, angle brackets kept. */
  internetMessageId: string;
  attachments: { name: string; contentType?: string; contentBytes: string }[];
  /** MAIL FROM of the SMTP session (the Logic App sends Exchange Online's `Return-Path`). */
  envelopeFrom?: string;
  /** Only for an SMTP AUTH session: `<authserv-id>; auth=pass smtp.auth=<user>`, as a receiving MTA writes it (RFC 8601). */
  authenticationResults?: string;
}
