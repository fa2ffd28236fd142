import type { InboundEmail } from './inbound-email.js';
import { replyForStatus, replyForUnreachable, type SmtpReply } from './smtp-reply.js';

export interface PostOptions {
  endpoint: string;
  apiKey: string;
  timeoutMs: number;
  /** Who the SMTP replies say took or refused the mail. */
  appName: string;
  /** Aborted when the mail drop closes: the mail is answered 451 and the MTA resends it later. */
  closing: AbortSignal;
  /** Problem types that refuse the sender (SMTP 550), see replyForStatus. */
  senderRefusals?: readonly string[];
}

export interface PostResult {
  reply: SmtpReply;
  /** The endpoint's HTTP status; absent when it could not be reached. */
  status?: number;
  /** Why, for the log: the problem detail's text or the network error. */
  detail?: string;
}

/** POSTs the mail as the Logic App's HTTP action does, and turns the answer into the SMTP reply. */
export async function postInboundEmail(email: InboundEmail, opts: PostOptions): Promise<PostResult> {
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  try {
    const res = await fetch(opts.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': opts.apiKey },
      body: JSON.stringify(email),
      // A redirect would resend the key elsewhere; treat it as a misconfigured URL (451).
      redirect: 'manual',
      signal: AbortSignal.any([timeout, opts.closing]),
    });
    const { detail, type } = readProblem(await res.text().catch(() => ''));
    return { reply: replyForStatus(res.status, detail, opts.appName, type, opts.senderRefusals), status: res.status, detail };
  } catch (err) {
    const detail = opts.closing.aborted ? 'mail drop closing' : timeout.aborted ? `no answer within ${opts.timeoutMs} ms` : describe(err);
    return { reply: replyForUnreachable(detail, opts.appName), detail };
  }
}

/** The `detail` (or `title`) and `type` of an RFC 9457 problem, else the start of the body. */
function readProblem(body: string): { detail: string; type?: string } {
  try {
    const problem = JSON.parse(body) as { detail?: unknown; title?: unknown; type?: unknown };
    const text = typeof problem.detail === 'string' ? problem.detail : problem.title;
    const type = typeof problem.type === 'string' ? problem.type : undefined;
    if (typeof text === 'string') return { detail: text, type };
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return { detail: body.slice(0, 200) };
}

/** fetch hides the socket error (ECONNREFUSED…) in `cause`. */
function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return `${err.message}${cause}`;
}
