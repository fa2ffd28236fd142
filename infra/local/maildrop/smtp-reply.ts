/** What the mail drop answers the sending MTA after DATA. */
export interface SmtpReply {
  code: 250 | 451 | 550 | 552 | 554;
  /** The reply text, with its RFC 3463 enhanced status code first. */
  message: string;
}

/**
 * Answers with which the endpoint "answered and recorded" the mail (Newsdesk's ingest: 422 no media
 * attachments, 403 unknown sender, 409 conflict). It keeps a record of why it turned the mail away,
 * so the mail is not lost and the MTA must not send it again — as in Azure, where the Office 365
 * mailbox has taken the mail whatever the Logic App's HTTP call then got. (A wrong key is 401.)
 */
const RECORDED = new Set([403, 409, 422]);
/** Answers that will be the same however often the mail is resent (410: the sender's client was deleted): the sender gets a bounce saying why. */
const PERMANENT: Record<number, SmtpReply['code']> = { 400: 554, 410: 554, 413: 552, 415: 554 };

/**
 * Maps the endpoint's HTTP status to the SMTP reply; `app` names the receiving app to the sender. A problem whose
 * type is one of `senderRefusals` (by its last path segment: `…/sender-mismatch`) refuses the sender: 550 with why.
 * Anything not known to be final — 5xx, 429, a wrong key or URL (401, 404, a redirect) — is a
 * temporary failure: the sending MTA keeps the mail and retries for days, so nothing is lost while
 * the endpoint is down or misconfigured.
 */
export function replyForStatus(
  status: number,
  detail: string,
  app: string,
  problemType = '',
  senderRefusals: readonly string[] = [],
): SmtpReply {
  const why = detail ? `: ${detail.replace(/\s+/g, ' ').slice(0, 300)}` : '';
  if (status >= 400 && senderRefusals.includes(problemType.split('/').pop() ?? ''))
    return { code: 550, message: `5.7.1 ${app} refused the sender (HTTP ${status})${why}` };
  if ((status >= 200 && status < 300) || RECORDED.has(status))
    return { code: 250, message: `2.0.0 OK: submitted to ${app} (HTTP ${status})` };
  const permanent = PERMANENT[status];
  if (permanent === 552) return { code: 552, message: `5.3.4 Message too big for ${app} (HTTP ${status})${why}` };
  if (permanent === 554) return { code: 554, message: `5.6.0 ${app} refused the message (HTTP ${status})${why}` };
  return { code: 451, message: `4.3.0 ${app} is unavailable (HTTP ${status}), try again later` };
}

/** The endpoint could not be reached or did not answer in time: try again later. */
export function replyForUnreachable(reason: string, app: string): SmtpReply {
  return { code: 451, message: `4.4.1 ${app} is unreachable (${reason.slice(0, 200)}), try again later` };
}

/** The mail is over the size limit: the same bytes will never fit. */
export function replyForOversize(maxBytes: number): SmtpReply {
  return { code: 552, message: `5.3.4 Message exceeds the fixed maximum message size of ${maxBytes} bytes` };
}
