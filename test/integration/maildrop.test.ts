import { readFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect, createServer as createNetServer, type AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inboundEmail, type InboundEmail } from '../../contracts/email.js';
import { startMailDrop, type MailDropLogger, type MailDropOptions, type RunningMailDrop } from '@newsdesk/local-platform/maildrop';
import { fixturePath } from '../support/fixtures.js';

const API_KEY = 'maildrop-test-key';

interface Posted {
  path: string;
  headers: IncomingHttpHeaders;
  body: InboundEmail;
}
/** What the ingest stand-in answers: a status (with a problem body when ≥ 400, of `type` if given), or nothing at all. */
type Answer = number | 'hang' | { status: number; type: string; detail: string };

/** Plays `POST /api/submissions/email`: records every request, answers what the test asks. */
class IngestStub {
  readonly posted: Posted[] = [];
  answer: Answer = 202;
  private server?: Server;

  async listen(port = 0): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.posted.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString()) as InboundEmail });
        if (this.answer === 'hang') return;
        const { status, type, detail } =
          typeof this.answer === 'number' ? { status: this.answer, type: 'about:blank', detail: 'stub says no' } : this.answer;
        const body = status < 400 ? { submissionId: 'sub-1' } : { type, title: 'No', status, detail };
        res.writeHead(status, { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve, reject) => this.server!.once('error', reject).listen(port, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/submissions/email`;
  }

  close(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

const logs: Array<{ level: string; message: string; fields?: Record<string, unknown> }> = [];
const logger: MailDropLogger = {
  info: (message, fields) => logs.push({ level: 'info', message, fields }),
  warn: (message, fields) => logs.push({ level: 'warn', message, fields }),
  error: (message, fields) => logs.push({ level: 'error', message, fields }),
};

const cleanups: Array<() => Promise<void>> = [];
type DropOptions = Pick<MailDropOptions, 'maxMessageBytes' | 'fetchTimeoutMs' | 'authenticate' | 'senderRefusals'>;
async function drop(endpoint: string, extra: DropOptions = {}): Promise<RunningMailDrop> {
  const running = await startMailDrop({ port: 0, endpoint, apiKey: API_KEY, logger, ...extra });
  cleanups.push(() => running.close());
  return running;
}
const smtp = (port: number) => nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
/** A port nothing listens on (yet). */
async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
/** nodemailer's rejection, whose `responseCode` is the SMTP reply. */
async function smtpFailure(send: Promise<unknown>): Promise<{ responseCode?: number; response?: string }> {
  return send.then(
    () => expect.fail('the mail drop accepted the mail'),
    (err: { responseCode?: number; response?: string }) => err,
  );
}

const ingest = new IngestStub();
let mailDrop: RunningMailDrop;
let ingestUrl: string;
const mailDropEndpoint = (): string => ingestUrl;

beforeAll(async () => {
  ingestUrl = await ingest.listen();
  mailDrop = await drop(ingestUrl);
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await ingest.close();
});
beforeEach(() => {
  ingest.posted.length = 0;
  ingest.answer = 202;
});

describe('mail drop', () => {
  it('posts a real mail with photo, video and text attachments as the Logic App JSON', async () => {
    const [photo, video] = await Promise.all([
      readFile(fixturePath('dog-bicycle-truck.jpg')),
      readFile(fixturePath('event-people-vp8-opus.webm')),
    ]);
    const caption = 'Caption: a dog rides along, Lyon, 3 May.\nCredit: Ann Reporter\n';
    const info = await smtp(mailDrop.port).sendMail({
      from: 'Ann Reporter <ann@example.com>',
      to: ['desk@newsdesk.test', 'Photo Desk <photos@newsdesk.test>'],
      subject: 'Dog, bicycle, truck — und Video',
      date: new Date('2024-05-03T09:15:00Z'),
      text: 'Two files and a caption.',
      attachments: [
        { path: fixturePath('dog-bicycle-truck.jpg') },
        { path: fixturePath('event-people-vp8-opus.webm') },
        { filename: 'caption.txt', content: caption },
      ],
    });
    expect(info.response).toMatch(/^250 /);

    expect(ingest.posted).toHaveLength(1);
    const { path, headers, body } = ingest.posted[0]!;
    expect(path).toBe('/api/submissions/email');
    expect(headers['x-api-key']).toBe(API_KEY);
    expect(headers['content-type']).toBe('application/json');
    // Every key of the contract but the authentication results, which only an SMTP AUTH session gets.
    expect(Object.keys(body).sort()).toEqual(
      Object.keys(inboundEmail.shape)
        .filter((k) => k !== 'authenticationResults')
        .sort(),
    );
    expect(body.envelopeFrom).toBe('ann@example.com');
    expect(inboundEmail.parse(body)).toEqual(body);
    expect(body).toMatchObject({
      from: 'ann@example.com',
      to: 'desk@newsdesk.test, photos@newsdesk.test',
      subject: 'Dog, bicycle, truck — und Video',
      receivedDateTime: '2024-05-03T09:15:00.000Z',
      internetMessageId: info.messageId,
    });
    expect(body.attachments.map((a) => [a.name, a.contentType])).toEqual([
      ['dog-bicycle-truck.jpg', 'image/jpeg'],
      ['event-people-vp8-opus.webm', 'video/webm'],
      ['caption.txt', 'text/plain'],
    ]);
    const bytes = body.attachments.map((a) => Buffer.from(a.contentBytes, 'base64'));
    expect(bytes[0]!.equals(photo)).toBe(true);
    expect(bytes[1]!.equals(video)).toBe(true);
    expect(bytes[2]!.toString()).toBe(caption);
    expect(logs.find((l) => l.fields?.messageId === info.messageId)).toMatchObject({ level: 'info', fields: { status: 202, smtp: 250 } });
  });

  it.each([422, 403, 409])('accepts the mail when the endpoint answers %i: it recorded the mail', async (status) => {
    ingest.answer = status;
    const info = await smtp(mailDrop.port).sendMail({
      from: 'ann@example.com',
      to: 'desk@newsdesk.test',
      subject: 'no media',
      text: 'just words',
    });
    expect(info.response).toMatch(/^250 /);
    expect(ingest.posted.map((p) => p.body.internetMessageId)).toEqual([info.messageId]);
    expect(logs.at(-1)?.fields).toMatchObject({ messageId: info.messageId, status, smtp: 250 });
  });

  it('defers with 451 while the endpoint answers 503, and the resent mail reaches it again', async () => {
    // A retrying MTA resends the same bytes: same Message-ID and Date.
    const mail = {
      from: 'ann@example.com',
      to: 'desk@newsdesk.test',
      subject: 'retry me',
      messageId: '<retry-1@example.com>',
      date: new Date('2024-05-03T10:00:00Z'),
      attachments: [{ path: fixturePath('dog-bicycle-truck.jpg') }],
    };
    ingest.answer = 503;
    const failure = await smtpFailure(smtp(mailDrop.port).sendMail(mail));
    expect(failure.responseCode).toBe(451);
    expect(logs.at(-1)).toMatchObject({ level: 'warn', fields: { messageId: '<retry-1@example.com>', status: 503, smtp: 451 } });

    ingest.answer = 202;
    expect((await smtp(mailDrop.port).sendMail(mail)).response).toMatch(/^250 /);
    expect(ingest.posted.map((p) => p.body.internetMessageId)).toEqual(['<retry-1@example.com>', '<retry-1@example.com>']);
    expect(ingest.posted[1]!.body).toEqual(ingest.posted[0]!.body);
  });

  it('refuses for good (554) what the endpoint calls malformed, so the sender gets a bounce', async () => {
    ingest.answer = 400;
    const failure = await smtpFailure(smtp(mailDrop.port).sendMail({ from: 'ann@example.com', to: 'desk@newsdesk.test', text: 'x' }));
    expect(failure.responseCode).toBe(554);
    expect(failure.response).toContain('stub says no');
  });

  it('defers with 451 while the endpoint is down, and delivers the resend once it is back', async () => {
    const port = await freePort();
    const downDrop = await drop(`http://127.0.0.1:${port}/api/submissions/email`);
    const mail = { from: 'ann@example.com', to: 'desk@newsdesk.test', subject: 'while down', messageId: '<down-1@example.com>', text: 'x' };
    const failure = await smtpFailure(smtp(downDrop.port).sendMail(mail));
    expect(failure.responseCode).toBe(451);
    expect(failure.response).toMatch(/ECONNREFUSED/);

    const back = new IngestStub();
    await back.listen(port);
    try {
      expect((await smtp(downDrop.port).sendMail(mail)).response).toMatch(/^250 /);
      expect(back.posted.map((p) => p.body.internetMessageId)).toEqual(['<down-1@example.com>']);
    } finally {
      await back.close();
    }
  });

  it('defers with 451 when the endpoint does not answer in time', async () => {
    const slow = new IngestStub();
    slow.answer = 'hang';
    cleanups.push(() => slow.close());
    const slowDrop = await drop(await slow.listen(), { fetchTimeoutMs: 300 });
    const failure = await smtpFailure(smtp(slowDrop.port).sendMail({ from: 'ann@example.com', to: 'desk@newsdesk.test', text: 'x' }));
    expect(failure.responseCode).toBe(451);
    expect(failure.response).toContain('no answer within 300 ms');
    expect(slow.posted).toHaveLength(1);
  });

  it('on close, answers 451 to a mail still waiting on the endpoint, so its sender keeps it', async () => {
    const slow = new IngestStub();
    slow.answer = 'hang';
    cleanups.push(() => slow.close());
    const closingDrop = await drop(await slow.listen());
    const sending = smtpFailure(smtp(closingDrop.port).sendMail({ from: 'ann@example.com', to: 'desk@newsdesk.test', text: 'x' }));
    await expect.poll(() => slow.posted.length).toBe(1);
    const started = Date.now();
    await closingDrop.close();
    const failure = await sending;
    expect(failure.responseCode).toBe(451);
    expect(failure.response).toContain('mail drop closing');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('refuses a mail over maxMessageBytes with 552 and never posts it, and takes one under the limit', async () => {
    const small = await drop(mailDropEndpoint(), { maxMessageBytes: 200_000 });
    const failure = await smtpFailure(
      smtp(small.port).sendMail({
        from: 'ann@example.com',
        to: 'desk@newsdesk.test',
        attachments: [{ path: fixturePath('police-cars.jpg') }],
      }),
    );
    expect(failure.responseCode).toBe(552);
    expect(ingest.posted).toHaveLength(0);
    // Refused after the data arrived: nodemailer declares no SIZE, so the drop counted the bytes itself.
    expect(logs.at(-1)).toMatchObject({ level: 'warn', fields: { maxBytes: 200_000 } });

    // 61 kB of video, 83 kB once base64-encoded: under the limit.
    const info = await smtp(small.port).sendMail({
      from: 'ann@example.com',
      to: 'desk@newsdesk.test',
      attachments: [{ path: fixturePath('event-people-vp8-opus.webm') }],
    });
    expect(info.response).toMatch(/^250 /);
    expect(ingest.posted).toHaveLength(1);
  });

  it('advertises SIZE, and refuses (552) a mail declared too big before its data is sent', async () => {
    const small = await drop(mailDropEndpoint(), { maxMessageBytes: 200_000 });
    const socket = connect(small.port, '127.0.0.1');
    cleanups.push(async () => void socket.destroy());
    const replies = createInterface({ input: socket })[Symbol.asyncIterator]();
    /** The next complete reply: its lines up to the one with a space after the code. */
    const reply = async (): Promise<string[]> => {
      const lines: string[] = [];
      for (;;) {
        const { value } = (await replies.next()) as { value: string };
        lines.push(value);
        if (/^\d{3} /.test(value)) return lines;
      }
    };
    expect((await reply())[0]).toMatch(/^220 /);
    socket.write('EHLO client.test\r\n');
    const features = await reply();
    expect(features.filter((l) => /^250[- ]SIZE 200000$/.test(l))).toHaveLength(1);
    expect(features.join('\n')).not.toContain('STARTTLS');
    socket.write('MAIL FROM:<ann@example.com> SIZE=1201679\r\n');
    expect((await reply())[0]).toMatch(/^552 /);
    socket.write('QUIT\r\n');
    expect(ingest.posted).toHaveLength(0);
  });

  it('gives a mail without Message-ID the same internetMessageId each time it is resent', async () => {
    const raw = (subject: string): string =>
      [
        'From: Scanner <scanner@example.com>',
        'To: desk@newsdesk.test',
        `Subject: ${subject}`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain',
        '',
        'page 1',
        '',
      ].join('\r\n');
    const envelope = { from: 'scanner@example.com', to: ['desk@newsdesk.test'] };
    for (const subject of ['scan', 'scan', 'another scan']) {
      expect((await smtp(mailDrop.port).sendMail({ envelope, raw: raw(subject) })).response).toMatch(/^250 /);
    }
    const ids = ingest.posted.map((p) => p.body.internetMessageId);
    expect(ids[0]).toMatch(/^<[0-9a-f]{64}@maildrop\.newsdesk\.invalid>$/);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
  });

  describe('SMTP AUTH', () => {
    const PASSWORD = 'right-password';
    const authDrop = () =>
      drop(mailDropEndpoint(), {
        authenticate: (user, password) => user === 'ann@example.com' && password === PASSWORD,
        senderRefusals: ['sender-not-authenticated', 'sender-mismatch'],
      });
    const login = (port: number, pass = PASSWORD) =>
      nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, auth: { user: 'ann@example.com', pass } });

    it('posts the mail of an authenticated session with its envelope sender and `auth=pass smtp.auth=<user>`', async () => {
      const authenticated = await authDrop();
      const info = await login(authenticated.port).sendMail({ from: 'Ann <ann@example.com>', to: 'desk@newsdesk.test', text: 'x' });
      expect(info.response).toMatch(/^250 /);
      expect(ingest.posted.at(-1)!.body).toMatchObject({
        from: 'ann@example.com',
        envelopeFrom: 'ann@example.com',
        authenticationResults: 'maildrop.newsdesk.invalid; auth=pass smtp.auth=ann@example.com',
      });
      expect(inboundEmail.parse(ingest.posted.at(-1)!.body)).toEqual(ingest.posted.at(-1)!.body);
    });

    it('answers a wrong password 535 and posts nothing', async () => {
      const authenticated = await authDrop();
      const failure = await smtpFailure(
        login(authenticated.port, 'wrong').sendMail({ from: 'ann@example.com', to: 'desk@newsdesk.test', text: 'x' }),
      );
      expect(failure.responseCode).toBe(535);
      expect(ingest.posted).toHaveLength(0);
    });

    it('never passes on results a mail brings itself: an unauthenticated session is posted without any', async () => {
      const authenticated = await authDrop();
      const raw = [
        'From: ann@example.com',
        'To: desk@newsdesk.test',
        'Authentication-Results: mx.example.com; dmarc=pass header.from=example.com',
        'Subject: forged',
        '',
        'x',
        '',
      ].join('\r\n');
      await smtp(authenticated.port).sendMail({ envelope: { from: 'ann@example.com', to: ['desk@newsdesk.test'] }, raw });
      expect(ingest.posted.at(-1)!.body).not.toHaveProperty('authenticationResults');
    });

    it('answers 550 with the reason when the endpoint refuses the sender', async () => {
      const authenticated = await authDrop();
      ingest.answer = {
        status: 403,
        type: 'https://newsdesk.dev/problems/sender-mismatch',
        detail: "The envelope sender (MAIL FROM) is 'x@example.com'",
      };
      const failure = await smtpFailure(
        smtp(authenticated.port).sendMail({ from: 'ann@example.com', to: 'desk@newsdesk.test', text: 'x' }),
      );
      expect(failure.responseCode).toBe(550);
      expect(failure.response).toBe(
        "550 5.7.1 the endpoint refused the sender (HTTP 403): The envelope sender (MAIL FROM) is 'x@example.com'",
      );
    });

    it('offers no AUTH when the drop has no logins: a client that would log in sends unauthenticated', async () => {
      expect((await login(mailDrop.port).sendMail({ from: 'ann@example.com', to: 'desk@newsdesk.test', text: 'x' })).response).toMatch(
        /^250 /,
      );
      expect(ingest.posted.at(-1)!.body).not.toHaveProperty('authenticationResults');
    });
  });
});
