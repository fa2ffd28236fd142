import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Logger } from '../host/types.js';
import { postInboundEmail, type PostResult } from './post-inbound-email.js';
import { replyForOversize, type SmtpReply } from './smtp-reply.js';
import { toInboundEmail } from './to-inbound-email.js';
import type { InboundEmail } from './inbound-email.js';
import { readCapped } from '../read-capped.js';

export type MailDropLogger = Logger;

export interface MailDropOptions {
  /** Loopback only by default: the drop has no TLS, and takes SMTP AUTH from loopback clients only. */
  host?: string;
  /** 2525 for `npm start`; 0 picks a free port. */
  port: number;
  /** Full URL the mails are posted to (Newsdesk: `POST /api/submissions/email`). */
  endpoint: string;
  /** Who the SMTP replies say took or refused the mail, e.g. 'Newsdesk'. Default 'the endpoint'. */
  appName?: string;
  /**
   * Checks a mail before it is posted; a reason refuses it for good (554) without a request, for
   * mails the endpoint is known to refuse (e.g. one with no sender). Default: every mail is posted.
   */
  check?: (email: InboundEmail) => string | undefined;
  /** Sent as `x-api-key`, as the Logic App does. */
  apiKey: string;
  /** Advertised with SIZE; a larger message gets 552. Default 50 MB, Office 365's own cap for the trigger. */
  maxMessageBytes?: number;
  logger?: MailDropLogger;
  /** How long the endpoint may take to answer before the mail gets 451. Default 120 s. */
  fetchTimeoutMs?: number;
  /**
   * Enables SMTP AUTH (PLAIN, LOGIN) and checks each login; a wrong one gets 535. A mail of an authenticated session is
   * posted with `authenticationResults` saying so (`auth=pass smtp.auth=<user>`); any other mail without. Without this
   * option the drop offers no AUTH.
   */
  authenticate?: (username: string, password: string) => boolean;
  /** Problem types (last path segment) with which the endpoint refuses the sender: answered 550 with the reason. */
  senderRefusals?: readonly string[];
}

export interface RunningMailDrop {
  port: number;
  close(): Promise<void>;
}

const silent: MailDropLogger = { info() {}, warn() {}, error() {} };
const DEFAULT_APP = 'the endpoint';
/** The authserv-id of the results the drop writes: a reserved name (RFC 2606) no real mail system uses. */
const AUTHSERV_ID = 'maildrop.newsdesk.invalid';
/** Plain-text passwords only where they never cross a network: IPv4 loopback (also as IPv6-mapped) and ::1. */
const isLoopback = (address: string | undefined): boolean => /^(?:::ffff:)?127\./.test(address ?? '') || address === '::1';
/** An RFC 8601 value, quoted when it is not a plain token. */
const pvalue = (value: string): string => (/^[\w.@+-]+$/.test(value) ? value : `"${value.replace(/["\\]/g, '\\$&')}"`);

/**
 * The local stand-in for the Logic App: an SMTP server on loopback that turns each mail into the
 * Office 365 trigger's JSON and POSTs it to an endpoint. It answers the sending MTA only after the
 * endpoint answered, so a mail is either recorded by the app, refused for good (the sender gets a
 * bounce), or still the MTA's to retry: none is lost.
 */
export async function startMailDrop(opts: MailDropOptions): Promise<RunningMailDrop> {
  const maxBytes = opts.maxMessageBytes ?? 50 * 1024 * 1024;
  const log = opts.logger ?? silent;
  const closing = new AbortController();
  const app = opts.appName ?? DEFAULT_APP;
  const post = {
    endpoint: opts.endpoint,
    apiKey: opts.apiKey,
    timeoutMs: opts.fetchTimeoutMs ?? 120_000,
    closing: closing.signal,
    appName: app,
    senderRefusals: opts.senderRefusals,
  };

  const receive = async (stream: SMTPServerDataStream, session: SMTPServerSession): Promise<SmtpReply> => {
    const raw = await readCapped(stream, maxBytes);
    if (raw === undefined) {
      log.warn('mail drop: message over the size limit refused', { bytes: stream.byteLength, maxBytes, session: session.id });
      return replyForOversize(maxBytes);
    }
    const envelope = {
      from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
      to: session.envelope.rcptTo.map((r) => r.address),
    };
    const parsed = await simpleParser(raw, { keepCidLinks: true, skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true });
    // The drop's own word on the session, never a header the mail brought: a sender could write any of those.
    const email = {
      ...toInboundEmail(parsed, envelope, { raw }),
      ...(session.user ? { authenticationResults: `${AUTHSERV_ID}; auth=pass smtp.auth=${pvalue(String(session.user))}` } : {}),
    };
    const why = opts.check?.(email);
    if (why !== undefined) {
      log.warn('mail drop: message refused, it cannot make a valid e-mail submission', { messageId: parsed.messageId, why });
      return { code: 554, message: `5.6.0 Message cannot be submitted to ${app} (${why.slice(0, 200)})` };
    }
    const result = await postInboundEmail(email, post);
    logOutcome(log, email.internetMessageId, email.attachments.length, result);
    return result.reply;
  };

  const server = new SMTPServer({
    banner: `${app} mail drop`,
    size: maxBytes,
    // A mail without AUTH is still posted: the endpoint refuses its sender, saying why (550).
    authOptional: true,
    authMethods: ['PLAIN', 'LOGIN'],
    // Plain local clients (scripts, scanners) speak no TLS; the socket never leaves the machine (onAuth checks).
    allowInsecureAuth: true,
    disabledCommands: opts.authenticate ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    onAuth(auth, session, callback) {
      if (!isLoopback(session.remoteAddress))
        return callback(Object.assign(new Error('Plain-text AUTH is accepted from loopback only'), { responseCode: 538 }));
      if (!opts.authenticate?.(auth.username ?? '', auth.password ?? '')) {
        log.warn('mail drop: SMTP AUTH refused', { username: auth.username, session: session.id });
        return callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
      }
      callback(null, { user: auth.username });
    },
    logger: false,
    closeTimeout: 5_000,
    onData(stream, session, callback) {
      receive(stream, session).then(
        (reply) => (reply.code === 250 ? callback(null, reply.message) : callback(smtpError(reply))),
        (err: unknown) => {
          // A bug or a parser failure: keep the mail with the sender and retry rather than lose it.
          log.error('mail drop: message could not be processed', { error: String(err), session: session.id });
          stream.resume();
          callback(smtpError({ code: 451, message: '4.3.0 Mail drop error, try again later' }));
        },
      );
    },
  });
  server.on('error', (err) => log.error('mail drop: SMTP server error', { error: String(err) }));

  server.listen(opts.port, opts.host ?? '127.0.0.1');
  await Promise.race([once(server.server, 'listening'), once(server.server, 'error').then(([err]) => Promise.reject(err as Error))]);
  const port = (server.server.address() as AddressInfo).port;
  log.info('mail drop: listening', { host: opts.host ?? '127.0.0.1', port, endpoint: opts.endpoint, maxMessageBytes: maxBytes });

  let closed: Promise<void> | undefined;
  return {
    port,
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        // Mails still waiting on the endpoint get 451 at once: their senders keep them and retry.
        closing.abort();
        server.close(() => resolve());
      })),
  };
}

function smtpError(reply: SmtpReply): Error {
  return Object.assign(new Error(reply.message), { responseCode: reply.code });
}

function logOutcome(log: MailDropLogger, messageId: string, attachments: number, result: PostResult): void {
  const fields = { messageId, attachments, status: result.status, smtp: result.reply.code, detail: result.detail };
  if (result.reply.code === 250) log.info('mail drop: mail submitted', fields);
  else if (result.reply.code === 451) log.warn('mail drop: endpoint unavailable, mail deferred to the sender', fields);
  else log.warn('mail drop: mail refused for good, the sender gets a bounce', fields);
}
