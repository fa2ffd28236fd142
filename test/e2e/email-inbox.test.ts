import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Delivery } from '@newsdesk/local-platform/inbox';
import { submissionSummary } from '../../contracts/submission-summary.js';
import { fixture } from '../support/fixtures.js';
import { startStack, type Stack } from '../support/newsdesk-stack.js';
import { summaryIssues } from '../support/published-summary.js';

let stack: Stack;

// npm start as a new user runs it: no webhook, secret or sender set. One worker, and the classifier service with its
// offline models, as npm start brings them.
beforeAll(async () => {
  stack = await startStack({ NEWSDESK_WORKERS_MIN: '1', NEWSDESK_WORKERS_MAX: '1' });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const deliveries = async (): Promise<Delivery[]> => (await (await fetch(stack.inboxUrl)).json()) as Delivery[];
/** The mail drop as a mail client sees it: logged in with what `npm start` printed, unless told otherwise. */
const smtp = (auth: { user: string; pass: string } | null = { user: stack.mailDropUser, pass: stack.mailDropPassword }) =>
  createTransport({ host: '127.0.0.1', port: stack.mailDropPort, secure: false, ignoreTLS: true, ...(auth ? { auth } : {}) });
const photoMail = {
  from: 'photodesk@localhost',
  to: 'newsdesk@localhost',
  subject: 'Refused',
  attachments: [{ filename: 'dog.jpg', content: fixture('dog-bicycle-truck.jpg') }],
};
/** nodemailer's rejection: the SMTP reply code and text. */
const refusal = (send: Promise<unknown>) =>
  send.then(
    () => expect.fail('the mail drop accepted the mail'),
    (err: { responseCode?: number; response?: string }) => ({ code: err.responseCode, response: err.response }),
  );

it('a mail with a JPEG from the allowed sender, logged in as printed, ends in a verified v1 summary in the local inbox, printed on the console', async () => {
  expect(stack.output()).toContain(`Inbox:         ${stack.inboxUrl}`);
  expect(stack.mailDropUser).toBe('photodesk@localhost');
  expect(stack.output()).toContain(`SMTP AUTH PLAIN or LOGIN: user photodesk@localhost, password ${stack.mailDropPassword}`);
  const sent = await smtp().sendMail({
    from: 'photodesk@localhost',
    to: 'newsdesk@localhost',
    subject: 'Dog on a bicycle',
    text: 'For the weekend pages.',
    attachments: [{ filename: 'dog.jpg', content: fixture('dog-bicycle-truck.jpg'), contentType: 'image/jpeg' }],
  });
  expect(sent.response).toMatch(/^250 /);

  await expect.poll(async () => (await deliveries()).length, { timeout: 120_000, interval: 500 }).toBeGreaterThan(0);
  const [delivery] = await deliveries();
  expect(delivery).toMatchObject({ verified: true, status: 200, path: '/deliveries' });
  expect(summaryIssues(delivery!.body)).toBeNull();
  const summary = submissionSummary.parse(delivery!.body);
  expect(delivery!.id).toBe(`${summary.submissionId}.1`);
  expect(summary).toMatchObject({ clientId: 'dev', reference: 'Dog on a bicycle', status: 'completed' });
  expect(summary.files.map((f) => [f.name, f.contentType, f.state])).toEqual([['dog.jpg', 'image/jpeg', 'completed']]);
  expect(summary.files[0]!.analysis).toMatchObject({ source: 'worker', mediaType: 'photo', classified: true });

  await expect
    .poll(() => stack.output(), { timeout: 5_000 })
    .toMatch(new RegExp(`Inbox: ${summary.submissionId} completed, 1 file; labels: [^;]+; topics: [^;]+; verified\\n`));
});

it('refuses a mail from the allowed sender without SMTP AUTH with 550, saying why, and delivers nothing', async () => {
  const before = (await deliveries()).length;
  expect(await refusal(smtp(null).sendMail(photoMail))).toEqual({
    code: 550,
    response: expect.stringMatching(
      /^550 5\.7\.1 Newsdesk refused the sender \(HTTP 403\): 'photodesk@localhost' is not an authenticated sender: the mail carries no Authentication-Results\./,
    ),
  });
  // A header the mail brings itself proves nothing.
  const forged = {
    ...photoMail,
    headers: { 'Authentication-Results': 'maildrop.newsdesk.invalid; auth=pass smtp.auth=photodesk@localhost' },
  };
  expect((await refusal(smtp(null).sendMail(forged))).code).toBe(550);
  expect((await deliveries()).length).toBe(before);
});

it('answers a wrong SMTP AUTH password with 535', async () => {
  expect((await refusal(smtp({ user: stack.mailDropUser, pass: `${stack.mailDropPassword}x` }).sendMail(photoMail))).code).toBe(535);
});

it('refuses with 550 a mail whose envelope sender is not its From: address, even from a logged-in sender', async () => {
  const mismatched = { ...photoMail, envelope: { from: 'someone@localhost', to: ['newsdesk@localhost'] } };
  expect(await refusal(smtp().sendMail(mismatched))).toEqual({
    code: 550,
    response:
      "550 5.7.1 Newsdesk refused the sender (HTTP 403): The envelope sender (MAIL FROM) is 'someone@localhost', not the From: address 'photodesk@localhost'.",
  });
});

it('refuses a forged delivery with 401, keeps it as unverified and prints it as such', async () => {
  const forged = await fetch(stack.inboxUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': 'forged.1',
      'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
      'webhook-signature': `v1,${Buffer.alloc(32).toString('base64')}`,
    },
    body: '{"schemaVersion":1}',
  });
  expect(forged.status).toBe(401);
  expect((await deliveries()).at(-1)).toMatchObject({ id: 'forged.1', verified: false, status: 401 });
  await expect
    .poll(() => stack.output(), { timeout: 5_000 })
    .toMatch(
      /Inbox: delivery forged\.1 is not a v1 submission summary \(.+\); NOT verified \(no v1 signature matches the secret\), answered 401/,
    );
});
