import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startImageAnalysisDouble, type ImageAnalysisDouble } from '../support/image-analysis-double/image-analysis-double.js';
import { startStack, submitFixtures, type Stack } from '../support/newsdesk-stack.js';
import { startReceiver, type Received } from '../support/webhook-receiver.js';
import { launchChromium, screenshot, seriousViolations } from '../support/chromium.js';
import { fixture, fixturePath } from '../support/fixtures.js';

const SUITE = 'desk';
const secret = `whsec_${randomBytes(32).toString('base64')}`;
let classifier: ImageAnalysisDouble;
let hook: Awaited<ReturnType<typeof startReceiver>>;
let stack: Stack;
let browser: Browser;
let page: Page;

/** The little of the browser's globals the callbacks handed to page.evaluate use (the suite compiles without the DOM lib). */
interface BrowserGlobals {
  DataTransfer: new () => { items: { add(file: unknown): void } };
  File: new (parts: Uint8Array[], name: string, options: { type: string }) => unknown;
  atob(data: string): string;
  location: { hash: string };
  sessionStorage: { getItem(key: string): string | null };
  deskMarker?: number;
}

const deliveriesOf = (submissionId: string): Received[] => hook.received.filter((r) => r.body.submissionId === submissionId);

/** The page as a person leaves it: a screenshot kept as an artifact, and no serious or critical axe-core violation. */
async function checkPage(name: string): Promise<void> {
  await screenshot(page, SUITE, name);
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
}

/** Drops real files on the Upload page's drop zone, as a person dragging them from the file manager. */
async function dropFiles(names: string[]): Promise<void> {
  const files = names.map((name) => ({
    name,
    type: name.endsWith('.mp4') ? 'video/mp4' : 'image/jpeg',
    data: fixture(name).toString('base64'),
  }));
  const transfer = await page.evaluateHandle((list) => {
    const w = globalThis as unknown as BrowserGlobals;
    const dt = new w.DataTransfer();
    for (const f of list) dt.items.add(new w.File([Uint8Array.from(w.atob(f.data), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
    return dt;
  }, files);
  const zone = page.getByRole('group', { name: 'Drop files here' });
  await zone.dispatchEvent('dragover', { dataTransfer: transfer });
  await zone.dispatchEvent('drop', { dataTransfer: transfer });
}

beforeAll(async () => {
  classifier = await startImageAnalysisDouble();
  hook = await startReceiver(secret);
  // npm start as it is, with its own worker; the classifier is the Image Analysis API (its double), which a test can
  // hang to keep files in flight. Urgent files escalate after 3 s, so an editor has something to resolve.
  stack = await startStack({
    NEWSDESK_DEV_WEBHOOK_SECRET: secret,
    NEWSDESK_DEV_WEBHOOK_URL: `${hook.url}/desk-client`,
    NEWSDESK_WORKERS_MIN: '1',
    NEWSDESK_WORKERS_MAX: '1',
    NEWSDESK_CLASSIFIER_ENDPOINT: classifier.endpoint,
    NEWSDESK_CLASSIFIER_KEY: classifier.key,
    NEWSDESK_ANALYSIS_TIMEOUT_URGENT: 'PT3S',
    NEWSDESK_ANALYSIS_TIMEOUT_NORMAL: 'PT3M',
    NEWSDESK_ESCALATION_GRACE: 'PT10M',
  });
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await hook?.close();
  await classifier?.close();
});

describe.sequential('the desk, in Chromium, against npm start', () => {
  let uploaded = '';

  it('explains how to sign in to a browser without the key', async () => {
    const stranger = await (await browser.newContext()).newPage();
    await stranger.goto(`${stack.url}/api/desk/`);
    await stranger.getByRole('heading', { name: 'Sign in to the desk' }).waitFor();
    await screenshot(stranger, SUITE, 'sign-in');
    expect(await seriousViolations(stranger)).toEqual([]);
    await stranger.context().close();
  });

  it('signs the local editor in through the printed link', async () => {
    await page.goto(stack.deskUrl);
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as BrowserGlobals).location.hash)).toBe('#/submissions');
    expect(await page.evaluate(() => (globalThis as unknown as BrowserGlobals).sessionStorage.getItem('newsdesk.staffKey'))).toBe(
      stack.editorKey,
    );
    await page.getByRole('heading', { name: 'Submissions' }).waitFor();
  });

  it('uploads two photos and a video by drag and drop, shows progress, and follows them to completion without a reload', async () => {
    await page.getByRole('link', { name: 'Upload' }).click();
    await page.getByRole('heading', { name: 'Upload' }).waitFor();
    const names = ['squirrel-exif-iptc.jpg', 'dog-bicycle-truck.jpg', 'tears-of-steel-cuts.mp4'];
    await dropFiles(names);
    for (const name of names) await page.getByRole('progressbar', { name: `Uploading ${name}` }).waitFor();
    await page.getByLabel('Reference (optional)').fill('desk-upload');
    // A marker a reload would wipe: the page must follow the submission live.
    await page.evaluate(() => ((globalThis as unknown as BrowserGlobals).deskMarker = 1));
    await page.getByRole('button', { name: /^Upload 3 files$/ }).click();
    for (const name of names) {
      await expect
        .poll(
          () => page.getByRole('progressbar', { name: `Uploading ${name}` }).evaluate((p) => (p as unknown as { value: number }).value),
          {
            timeout: 30_000,
          },
        )
        .toBe(1);
    }
    const link = page.getByRole('heading', { name: /^Submission / }).getByRole('link');
    uploaded = (await link.textContent()) ?? '';
    expect(uploaded).toMatch(/^s/);
    await page
      .getByText(/completed/i)
      .first()
      .waitFor({ timeout: 120_000 });
    await expect.poll(() => deliveriesOf(uploaded).length, { timeout: 120_000 }).toBeGreaterThan(0);
    expect(await page.evaluate(() => (globalThis as unknown as BrowserGlobals).deskMarker)).toBe(1);
    await checkPage('upload');
  });

  it('opens the result with thumbnails, labels and metadata', async () => {
    await page.goto(`${stack.url}/api/desk/#/submissions/${uploaded}`);
    const squirrel = page.getByRole('article', { name: 'squirrel-exif-iptc.jpg' });
    await squirrel.waitFor();
    const thumb = squirrel.getByRole('img').first();
    await expect
      .poll(() => thumb.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await squirrel.getByText('Patrik').first().waitFor();
    const delivered = deliveriesOf(uploaded)[0]!.body;
    const label = delivered.files?.find((f) => f.name === 'dog-bicycle-truck.jpg')?.analysis?.tags[0];
    expect(label).toBeTruthy();
    await page.getByRole('article', { name: 'dog-bicycle-truck.jpg' }).getByText(label!, { exact: true }).first().waitFor();
    const video = page.getByRole('article', { name: 'tears-of-steel-cuts.mp4' });
    await video.getByRole('list', { name: 'Keyframes of tears-of-steel-cuts.mp4' }).waitFor();
    await checkPage('submission');
  });

  it('replays a delivery', async () => {
    const before = deliveriesOf(uploaded).length;
    await page
      .getByRole('button', { name: /^Replay/ })
      .first()
      .click();
    await expect.poll(() => deliveriesOf(uploaded).length, { timeout: 30_000 }).toBeGreaterThan(before);
  });

  it('cancels a submission in flight, after a confirmation', async () => {
    classifier.down('hang');
    const { submissionId } = await submitFixtures(stack, `${hook.url}/desk-client`, ['police-cars.jpg']);
    await page.goto(`${stack.url}/api/desk/#/submissions/${submissionId}`);
    await page.getByRole('button', { name: 'Cancel submission' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /cancel submission/i }).click();
    await page
      .getByText(/cancelled/i)
      .first()
      .waitFor({ timeout: 30_000 });
    await expect.poll(() => deliveriesOf(submissionId).map((r) => r.body.status), { timeout: 30_000 }).toContain('cancelled');
  });

  it("resolves an escalated file from the Escalations page: the client's webhook carries the editor's topics, source manual", async () => {
    const form = new FormData();
    form.append('priority', 'urgent');
    form.append('reference', 'desk-escalation');
    form.append('files', new Blob([fixture('runners-race.jpg')], { type: 'image/jpeg' }), basename(fixturePath('runners-race.jpg')));
    const res = await fetch(`${stack.url}/api/submissions`, { method: 'POST', headers: { 'x-api-key': stack.apiKey }, body: form });
    expect(res.status).toBe(202);
    const { submissionId } = (await res.json()) as { submissionId: string };
    await page.goto(`${stack.url}/api/desk/#/escalations`);
    const row = page.getByRole('row', { name: /runners-race\.jpg/ });
    await row.waitFor({ timeout: 60_000 });
    await checkPage('escalations');
    await row.getByRole('link').first().click();
    await page.getByRole('heading', { name: /^Escalation: runners-race\.jpg/ }).waitFor();
    await page.getByLabel(/search topics/i).fill('sport');
    await page
      .getByRole('checkbox', { name: /^sport\b/i })
      .first()
      .check();
    await page.getByLabel('Labels (comma-separated)').fill('runners, race');
    await page.getByLabel('Note').fill('Checked by hand: the city marathon.');
    await checkPage('escalation');
    await page.getByRole('button', { name: 'Send analysis' }).click();
    await page
      .getByText(/Local editor/)
      .first()
      .waitFor({ timeout: 30_000 });
    classifier.up();
    await expect.poll(() => deliveriesOf(submissionId).length, { timeout: 60_000 }).toBeGreaterThan(0);
    const file = deliveriesOf(submissionId)[0]!.body.files![0]!;
    expect(file.analysis?.source).toBe('manual');
    expect(file.analysis?.topics?.map((t) => t.name.toLowerCase())).toContain('sport');
  });

  it('shows the system: queue, workers, classifier, failures, dead letters', async () => {
    await page.goto(`${stack.url}/api/desk/#/system`);
    await page.getByRole('heading', { name: 'System' }).waitFor();
    await page.getByRole('table', { name: 'Workers' }).waitFor();
    await checkPage('system');
    await page.goto(`${stack.url}/api/desk/#/submissions`);
    await page.getByRole('row', { name: /desk-upload/ }).waitFor();
    await checkPage('submissions');
  });
});
