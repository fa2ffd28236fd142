import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { toInboundEmail } from './to-inbound-email.js';

const crlf = (lines: string[]): string => lines.join('\r\n');
/** Bytes no text encoding would survive: every value 0–255. */
const BINARY = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
const b64Lines = (buf: Buffer): string[] => buf.toString('base64').match(/.{1,76}/g) ?? [];

const MIXED = crlf([
  'From: Ann Example <ann@example.com>',
  'To: desk@newsdesk.test, "Bob B." <bob@example.org>',
  'Subject: =?UTF-8?B?' + Buffer.from('Fotos vom Marathon – Zürich').toString('base64') + '?=',
  'Date: Wed, 01 May 2024 12:30:00 +0200',
  'Message-ID: <abc.123@mail.example.com>',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="b1"',
  '',
  '--b1',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Two photos from the finish line.',
  '--b1',
  'Content-Type: image/jpeg; name="finish.jpg"',
  'Content-Disposition: attachment; filename="finish.jpg"',
  'Content-Transfer-Encoding: base64',
  '',
  ...b64Lines(BINARY),
  '--b1--',
  '',
]);

describe('toInboundEmail', () => {
  it('maps a multipart/mixed mail to the Office 365 trigger JSON, attachment bytes intact', async () => {
    const email = toInboundEmail(await simpleParser(MIXED));
    expect(email).toEqual({
      from: 'ann@example.com',
      to: 'desk@newsdesk.test, bob@example.org',
      subject: 'Fotos vom Marathon – Zürich',
      receivedDateTime: '2024-05-01T10:30:00.000Z',
      internetMessageId: '<abc.123@mail.example.com>',
      attachments: [{ name: 'finish.jpg', contentType: 'image/jpeg', contentBytes: BINARY.toString('base64') }],
    });
    expect(Buffer.from(email.attachments[0]!.contentBytes, 'base64').equals(BINARY)).toBe(true);
  });

  it('keeps inline photos that have a file name, drops nameless cid: images, names nameless attachments', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const raw = crlf([
      'From: ann@example.com',
      'To: desk@newsdesk.test',
      'Subject: inline',
      'Message-ID: <inline@example.com>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="outer"',
      '',
      '--outer',
      'Content-Type: multipart/related; boundary="rel"',
      '',
      '--rel',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>Look</p><img src="cid:logo@sig"><img src="cid:photo@body">',
      '--rel',
      'Content-Type: image/png',
      'Content-ID: <logo@sig>',
      'Content-Disposition: inline',
      'Content-Transfer-Encoding: base64',
      '',
      png.toString('base64'),
      '--rel',
      'Content-Type: image/jpeg',
      'Content-ID: <photo@body>',
      'Content-Disposition: inline; filename="IMG_0042.JPG"',
      'Content-Transfer-Encoding: base64',
      '',
      BINARY.toString('base64'),
      '--rel--',
      '--outer',
      'Content-Type: image/png',
      'Content-Disposition: attachment',
      'Content-Transfer-Encoding: base64',
      '',
      png.toString('base64'),
      '--outer--',
      '',
    ]);
    const email = toInboundEmail(await simpleParser(raw));
    expect(email.attachments.map((a) => [a.name, a.contentType])).toEqual([
      ['IMG_0042.JPG', 'image/jpeg'],
      ['attachment-2.png', 'image/png'],
    ]);
    expect(Buffer.from(email.attachments[0]!.contentBytes, 'base64').equals(BINARY)).toBe(true);
    expect(Buffer.from(email.attachments[1]!.contentBytes, 'base64').equals(png)).toBe(true);
  });

  it('stores attachments under the basename of whatever path the client sent', async () => {
    const part = (disposition: string): string[] => [
      '--b',
      'Content-Type: application/octet-stream',
      `Content-Disposition: attachment; ${disposition}`,
      'Content-Transfer-Encoding: base64',
      '',
      'AAEC',
    ];
    const raw = crlf([
      'From: ann@example.com',
      'Message-ID: <paths@example.com>',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      ...part('filename="../../etc/passwd"'),
      ...part("filename*=UTF-8''C%3A%5CUsers%5Cann%5CDesktop%5CIMG_0001.JPG"),
      ...part('filename="/var/tmp/clip 1.mov"'),
      ...part('filename=".."'),
      '--b--',
      '',
    ]);
    const email = toInboundEmail(await simpleParser(raw));
    expect(email.attachments.map((a) => a.name)).toEqual(['passwd', 'IMG_0001.JPG', 'clip 1.mov', 'attachment-4']);
    // mailparser guesses the type from the name when the sender said only octet-stream.
    expect(email.attachments[1]!.contentType).toBe('image/jpeg');
  });

  it('gives a mail without Message-ID an id from the SHA-256 of its bytes, the same on every resend', async () => {
    const raw = crlf(['From: scanner@example.com', 'Subject: scan', '', 'page 1', '']);
    const first = toInboundEmail(await simpleParser(raw), undefined, { raw: Buffer.from(raw) });
    const again = toInboundEmail(await simpleParser(raw), undefined, { raw: Buffer.from(raw) });
    const other = toInboundEmail(await simpleParser(raw.replace('page 1', 'page 2')), undefined, { raw: raw.replace('page 1', 'page 2') });
    expect(first.internetMessageId).toMatch(/^<[0-9a-f]{64}@maildrop\.newsdesk\.invalid>$/);
    expect(again.internetMessageId).toBe(first.internetMessageId);
    expect(other.internetMessageId).not.toBe(first.internetMessageId);
    // Without the raw bytes the id still depends only on the message.
    const parsedOnly = toInboundEmail(await simpleParser(raw));
    expect(toInboundEmail(await simpleParser(raw)).internetMessageId).toBe(parsedOnly.internetMessageId);
  });

  it('falls back to the envelope and the clock for what the headers lack', async () => {
    const raw = crlf(['Subject: no headers to speak of', 'Message-ID: <bare@example.com>', '', 'hi', '']);
    const now = new Date('2025-02-03T04:05:06.789Z');
    const email = toInboundEmail(
      await simpleParser(raw),
      { from: 'relay@example.net', to: ['a@newsdesk.test', 'b@newsdesk.test'] },
      { now: () => now },
    );
    expect(email).toMatchObject({
      from: 'relay@example.net',
      to: 'a@newsdesk.test, b@newsdesk.test',
      receivedDateTime: '2025-02-03T04:05:06.789Z',
      attachments: [],
    });
  });

  it('shortens a subject and recipient list over the limits instead of refusing the mail', async () => {
    const many = Array.from({ length: 200 }, (_, i) => `reporter${i}@newsdesk.test`);
    const raw = crlf([
      'From: ann@example.com',
      `To: ${many.join(', ')}`,
      `Subject: ${'x'.repeat(1500)}`,
      'Message-ID: <long@example.com>',
      '',
      '',
    ]);
    const email = toInboundEmail(await simpleParser(raw));
    expect(email.subject).toHaveLength(1000);
    expect(email.to!.length).toBeLessThanOrEqual(2000);
    expect(email.to!.split(', ').every((a) => many.includes(a))).toBe(true);
  });

  it('leaves the sender empty for a mail with no sender anywhere, for the endpoint (or the check) to refuse', async () => {
    const raw = crlf(['Subject: anonymous', 'Message-ID: <anon@example.com>', '', '']);
    const email = toInboundEmail(await simpleParser(raw), { to: ['desk@newsdesk.test'] });
    expect(email).toMatchObject({ from: '', to: 'desk@newsdesk.test', subject: 'anonymous' });
  });
});
