import { createHash } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { beforeEach, describe, expect, it } from 'vitest';
import { fixture } from '../../test/support/fixtures.js';
import {
  expectProblem,
  HOOK,
  ingestTestbed,
  invocationContext,
  MAILBOX_KEY,
  received,
  type IngestTestbed,
} from '../../test/support/ingest-testbed.js';
import { hashApiKey } from '../security/api-key.js';
import { createPostEmail } from './post-email.js';

let tb: IngestTestbed;
beforeEach(async () => {
  tb = await ingestTestbed();
  // E-mail has no webhook field: it is delivered to the client's default webhook.
  await tb.store.putClient({ ...tb.client, defaultWebhookUrl: HOOK }, hashApiKey('nd_unused-desk-key-0000000000000000'));
  await tb.store.putSender('photodesk@agency.test', 'desk');
});

/** A record to claim with: undefined back means no earlier answer was recorded for that Message-ID. */
const emailRecord = { internetMessageId: '', from: 'x@y.test', outcome: 'accepted' as const, receivedAt: '', status: 202, body: {} };
const attachment = (name: string, bytes: Buffer) => ({
  name,
  contentType: 'application/octet-stream',
  contentBytes: bytes.toString('base64'),
});
/** Exchange Online's header for a mail whose From: domain passed DMARC. */
const dmarcPass = (domain: string) =>
  `spf=pass (sender IP is 203.0.113.7) smtp.mailfrom=${domain}; dkim=pass (signature was verified) header.d=${domain};dmarc=pass action=none header.from=${domain};compauth=pass reason=100`;
/** A mail as the Logic App posts it: the envelope sender and the authentication results agree with `from` unless `over` says otherwise. */
const mail = (over: Record<string, unknown> = {}) => {
  const from = (over.from as string | undefined) ?? 'Photo Desk <PhotoDesk@Agency.test>';
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  return {
    from,
    to: 'newsdesk@agency.test',
    subject: 'Fire on 5th street',
    receivedDateTime: '2026-11-22T08:00:00Z',
    internetMessageId: '<fire-1@agency.test>',
    attachments: [attachment('fire.jpg', fixture('police-cars.jpg'))],
    envelopeFrom: `<${address}>`,
    authenticationResults: dmarcPass(address.split('@')[1]!),
    ...over,
  };
};
const post = (body: unknown, init: { key?: string | null; contentType?: string } = {}) =>
  createPostEmail(tb.deps)(
    tb.request('POST', '/api/submissions/email', {
      key: init.key === undefined ? MAILBOX_KEY : init.key,
      headers: { 'content-type': init.contentType ?? 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
    invocationContext(),
  );

describe('POST /api/submissions/email', () => {
  it('refuses a mail with more media than NEWSDESK_MAX_FILES, whole, with a precise 413, and keeps nothing', async () => {
    const photos = Array.from({ length: tb.deps.limits.maxFiles + 1 }, (_, i) => attachment(`p${i}.jpg`, fixture('police-cars.jpg')));
    const { body } = await expectProblem(await post(mail({ attachments: photos })), 413, 'too-many-files');
    expect(body.detail).toBe(`The mail has 6 photos and videos; a submission holds at most 5. Send them in several mails.`);
    expect(await tb.stored()).toEqual({ blobs: [], submissions: [], events: [] });
  });

  it('refuses a mail whose media together are over NEWSDESK_MAX_TOTAL_BYTES with a precise 413, and keeps nothing', async () => {
    tb.deps.limits.maxTotalBytes = fixture('police-cars.jpg').length * 2 - 1;
    const photos = [attachment('a.jpg', fixture('police-cars.jpg')), attachment('b.jpg', fixture('police-cars.jpg'))];
    const { body } = await expectProblem(await post(mail({ attachments: photos })), 413, 'payload-too-large');
    expect(body.detail).toMatch(/hold \d+ bytes; a submission holds at most \d+\. Send them in several mails\./);
    expect(await tb.stored()).toEqual({ blobs: [], submissions: [], events: [] });
  });

  it('turns the media attachments of a mail from a known sender into a submission, once per Message-ID', async () => {
    const photo = fixture('police-cars.jpg');
    const m = mail({ attachments: [attachment('notes.txt', Buffer.from('caption: fire')), attachment('fire.jpg', photo)] });
    const first = await received<{ submissionId: string; files: Record<string, unknown>[] }>(await post(m));
    expect(first.status).toBe(202);
    const submissionId = `s${createHash('sha256').update('<fire-1@agency.test>').digest('hex').slice(0, 31)}`;
    expect(first.body.submissionId).toBe(submissionId);
    expect(first.body.files).toEqual([
      {
        fileId: 'f1',
        name: 'fire.jpg',
        size: photo.length,
        contentType: 'image/jpeg',
        sha256: createHash('sha256').update(photo).digest('hex'),
      },
    ]);
    expect((await buffer(await tb.blobs.read(`incoming/${submissionId}/f1`))).equals(photo)).toBe(true);
    expect(await tb.store.getSubmission(submissionId)).toMatchObject({
      channel: 'email',
      webhookUrl: HOOK,
      reference: 'Fire on 5th street',
      metadata: { email: { from: 'photodesk@agency.test', subject: 'Fire on 5th street', internetMessageId: '<fire-1@agency.test>' } },
    });
    expect(tb.events.published.map((e) => e.id)).toEqual([submissionId]);

    const again = await received<{ submissionId: string }>(await post(m));
    expect(again.status).toBe(202);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(tb.events.published).toHaveLength(1);
    expect(tb.blobs.paths()).toEqual([`incoming/${submissionId}/f1`]);
  });

  it.each([
    ['only a text file', [attachment('notes.txt', Buffer.from('hello'))]],
    ['a text file named like a photo', [attachment('photo.jpg', Buffer.from('not a photo at all'))]],
    ['a photo with a path for a name', [attachment('../../etc/fire.jpg', fixture('police-cars.jpg'))]],
    ['a photo over the size limit', [attachment('big.jpg', Buffer.concat([fixture('police-cars.jpg'), Buffer.alloc(8 * 1024 * 1024)]))]],
    ['no attachments at all', []],
  ])('answers and records a mail with %s: 422, the same answer again, nothing stored', async (_what, attachments) => {
    const m = mail({ attachments });
    await expectProblem(await post(m), 422, 'no-media-attachments');
    const again = await expectProblem(await post(m), 422, 'no-media-attachments');
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await tb.stored()).toEqual({ blobs: [], submissions: [], events: [] });
  });

  it('answers and records a mail from an unknown sender with 403', async () => {
    const m = mail({ from: 'stranger@elsewhere.test' });
    await expectProblem(await post(m), 403, 'unknown-sender');
    expect((await expectProblem(await post(m), 403, 'unknown-sender')).headers.get('idempotent-replayed')).toBe('true');
    expect(await tb.stored()).toEqual({ blobs: [], submissions: [], events: [] });
  });

  it('refuses a mail from a sender of a deleted client with 410, storing and recording nothing', async () => {
    await tb.store.updateClient('desk', (c) => ({ ...c, mailSenders: ['photodesk@agency.test'], deletedAt: '2026-03-01T00:00:00.000Z' }));
    await expectProblem(await post(mail()), 410, 'client-deleted');
    expect(await tb.store.claimEmail({ ...emailRecord, internetMessageId: '<fire-1@agency.test>' })).toBeUndefined();
    expect(await tb.stored()).toEqual({ blobs: [], submissions: [], events: [] });
  });

  it('does not count a sender the client no longer lists', async () => {
    await tb.store.updateClient('desk', (c) => ({ ...c, mailSenders: ['other@agency.test'] }));
    await tb.store.putSender('photodesk@agency.test', 'desk');
    await expectProblem(await post(mail()), 403, 'unknown-sender');
    expect(await tb.stored()).toEqual({ blobs: [], submissions: [], events: [] });
  });

  it.each([
    ['a wrong mailbox key', () => post(mail(), { key: 'nd_wrong-key-000000000000' }), 401, 'invalid-api-key'],
    ['no mailbox key', () => post(mail(), { key: null }), 401, 'invalid-api-key'],
    [
      'a client key instead of the mailbox key',
      () => post(mail(), { key: 'nd_desk-client-key-for-unit-tests-00000' }),
      401,
      'invalid-api-key',
    ],
    [
      'a body that is not JSON',
      () => post('from=x', { contentType: 'application/x-www-form-urlencoded' }),
      415,
      'unsupported-content-type',
    ],
    ['an invalid payload', () => post({ from: 'x' }), 400, 'invalid-email'],
    ['an attachment that is not base64', () => post(mail({ attachments: [{ name: 'a.jpg', contentBytes: '***' }] })), 400, 'invalid-email'],
  ])('rejects %s, recording nothing', async (_what, call, status, code) => {
    await expectProblem(await call(), status, code);
    expect((await received(await post(mail()))).status).toBe(202);
  });

  it.each([
    [
      'without Authentication-Results',
      { authenticationResults: undefined },
      'sender-not-authenticated',
      'the mail carries no Authentication-Results',
    ],
    [
      'that failed DMARC',
      {
        authenticationResults:
          'spf=fail smtp.mailfrom=agency.test; dkim=none header.d=none;dmarc=fail action=quarantine header.from=agency.test',
      },
      'sender-not-authenticated',
      'DMARC fail for agency.test; SPF fail; DKIM none',
    ],
    [
      'with SPF pass for another domain',
      { authenticationResults: 'mx.example.net; spf=pass smtp.mailfrom=bounce@esp.example; dkim=pass header.d=agency.test' },
      'sender-not-authenticated',
      'SPF pass for esp.example, not aligned with agency.test; DKIM pass for agency.test',
    ],
    [
      'whose envelope sender is not the From: address',
      { envelopeFrom: '<intruder@agency.test>' },
      'sender-mismatch',
      "The envelope sender (MAIL FROM) is 'intruder@agency.test', not the From: address 'photodesk@agency.test'.",
    ],
  ])('refuses a mail from a known sender %s with a precise 403, storing and recording nothing', async (_what, over, code, why) => {
    const { body } = await expectProblem(await post(mail(over)), 403, code);
    expect(body.detail).toContain(why);
    expect(await tb.store.claimEmail({ ...emailRecord, internetMessageId: '<fire-1@agency.test>' })).toBeUndefined();
    expect(await tb.stored()).toEqual({ blobs: [], submissions: [], events: [] });
  });

  it.each([
    [
      'SPF and DKIM pass for the From: domain',
      'mx.example.net; spf=pass smtp.mailfrom=photodesk@agency.test; dkim=pass header.d=agency.test',
    ],
    ['SMTP AUTH as the sender (the local mail drop)', 'maildrop.newsdesk.invalid; auth=pass smtp.auth=photodesk@agency.test'],
  ])('accepts a mail whose sender is proven by %s', async (_what, authenticationResults) => {
    expect((await received(await post(mail({ authenticationResults })))).status).toBe(202);
  });

  it('refuses every mail when no mailbox key is configured', async () => {
    tb.deps.mailboxApiKey = undefined;
    await expectProblem(await post(mail()), 401, 'invalid-api-key');
    expect(await tb.stored()).toEqual({ blobs: [], submissions: [], events: [] });
  });
});
