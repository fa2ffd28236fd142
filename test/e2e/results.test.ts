import sharp from 'sharp';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhotoAnalysis, VideoAnalysis } from '../../contracts/file-analysis.js';
import type { FileSummary, SubmissionSummary } from '../../contracts/submission-summary.js';
import { expectLinksOpen } from '../support/expect-links-open.js';
import { fixture } from '../support/fixtures.js';
import { startAnalysedStack, type AnalysedStack } from '../support/analysed-stack.js';
import { STACK_MASTER_KEY, type Stack } from '../support/newsdesk-stack.js';
import type { Received } from '../support/webhook-receiver.js';

// Issue 12's "must show", on one stack as `npm start` runs it: metadata, a video's labels over time, links that open,
// duplicates, one client's results closed to another, and a rotated webhook secret verified in its overlap.
let bed: AnalysedStack;
let stack: Stack;
let hook: AnalysedStack['hook'];
let secret: string;

beforeAll(async () => {
  bed = await startAnalysedStack({ min: 2, max: 2 });
  ({ stack, hook: hook, secret } = bed);
}, 120_000);
afterAll(() => bed?.stop());

/** POSTs the files (name, bytes) as a client's form and returns the submission id. */
async function submit(apiKey: string, path: string, files: [string, Buffer][]): Promise<string> {
  const form = new FormData();
  form.append('webhookUrl', `${hook.url}${path}`);
  for (const [name, bytes] of files) form.append('file', new Blob([new Uint8Array(bytes)]), name);
  const res = await fetch(`${stack.url}/api/submissions`, { method: 'POST', headers: { 'x-api-key': apiKey }, body: form });
  expect(res.status).toBe(202);
  return ((await res.json()) as { submissionId: string }).submissionId;
}

/** The one delivery to `path`, once it arrived. */
async function deliveredTo(path: string): Promise<Received & { body: SubmissionSummary }> {
  await expect.poll(() => hook.received.filter((r) => r.path === path).length, { timeout: 40_000, interval: 200 }).toBe(1);
  const delivery = hook.received.find((r) => r.path === path)!;
  expect(delivery.summaryIssues).toBeNull();
  return delivery as Received & { body: SubmissionSummary };
}

const admin = (path: string, init: RequestInit = {}) =>
  fetch(`${stack.url}/api/manage/clients${path}`, {
    ...init,
    headers: { 'x-admin-key': STACK_MASTER_KEY, 'content-type': 'application/json' },
  });

const dog = fixture('dog-bicycle-truck.jpg');
let first: { submissionId: string; files: FileSummary[] };

describe('results people can use', () => {
  it('carries photo metadata (byline, caption, copyright, decimal GPS) and a video’s labels over time; every link opens', async () => {
    const submissionId = await submit(stack.apiKey, '/first', [
      ['squirrel.jpg', fixture('squirrel-exif-iptc.jpg')],
      ['phone.jpg', fixture('phone-gps-iphone12.jpg')],
      ['cuts.mp4', fixture('tears-of-steel-cuts.mp4')],
      ['dog.jpg', dog],
    ]);
    const { body, validSignature } = await deliveredTo('/first');
    expect([validSignature, body.status]).toEqual([true, 'completed']);
    const [squirrel, phone, cuts] = body.files.map((f) => f.analysis);
    expect(squirrel as PhotoAnalysis).toMatchObject({
      byline: 'Patrik',
      description: 'Squirrel at berkely',
      gps: { lat: expect.closeTo(37.871, 3), lon: expect.closeTo(-122.257, 3), altitude: 90 },
    });
    expect(phone as PhotoAnalysis).toMatchObject({
      camera: { make: 'Apple', model: 'iPhone 12' },
      copyright: '(C) 2026 Newsdesk tests',
      capturedAt: '2026-03-01T09:15:30',
      gps: { lat: expect.closeTo(52.520094, 5), lon: expect.closeTo(13.4096, 4), altitude: 34 },
    });
    const video = cuts as VideoAnalysis;
    expect(video.durationSeconds).toBeCloseTo(10, 0);
    expect(video.labels.length).toBeGreaterThan(0);
    for (const label of video.labels) {
      expect(label.ranges.length).toBeGreaterThan(0);
      for (const r of label.ranges) expect(0 <= r.startSeconds && r.startSeconds <= r.endSeconds && r.endSeconds <= 10.1).toBe(true);
    }
    expect(body.files.map((f) => f.duplicates)).toEqual([[], [], [], []]);
    await expectLinksOpen(body.files, stack.apiKey);
    first = { submissionId, files: body.files };
  });

  it('reports the same photo sent again as an exact duplicate, and a resized re-encoded copy as a near one', async () => {
    const { width } = await sharp(dog).metadata();
    const smaller = await sharp(dog)
      .resize(Math.round(width! / 2))
      .jpeg({ quality: 75 })
      .toBuffer();
    const submissionId = await submit(stack.apiKey, '/again', [
      ['dog again.jpg', dog],
      ['dog small.jpg', smaller],
    ]);
    const { body } = await deliveredTo('/again');
    const original = { submissionId: first.submissionId, fileId: first.files[3]!.fileId, name: 'dog.jpg' };
    const [again, small] = body.files;
    expect(again!.duplicates).toEqual([{ ...original, distance: 0, exact: true }]);
    expect(small!.duplicates).toEqual([
      { ...original, distance: expect.any(Number), exact: false },
      { submissionId, fileId: again!.fileId, name: 'dog again.jpg', distance: expect.any(Number), exact: false },
    ]);
    expect(small!.duplicates[0]!.distance).toBeLessThanOrEqual(3);
  });

  it('keeps one client’s results from another, and signs with both secrets while a rotated one overlaps', async () => {
    const created = await admin('', { method: 'POST', body: JSON.stringify({ name: 'Wire desk' }) });
    expect(created.status).toBe(201);
    const { clientId, apiKey, webhookSecret: oldSecret } = (await created.json()) as Record<string, string>;
    const rotated = await admin(`/${clientId}/webhook-secret:rotate`, { method: 'POST' });
    expect(rotated.status).toBe(200);
    const { webhookSecret: newSecret } = (await rotated.json()) as Record<string, string>;

    const theirs = first.files[0]!;
    const api = `${stack.url}/api/submissions/${first.submissionId}`;
    for (const url of [api, `${api}/files/${theirs.fileId}`, theirs.links.original!]) {
      const res = await fetch(url, { headers: { 'x-api-key': apiKey! }, redirect: 'manual' });
      expect(res.status, url).toBe(404);
    }

    // The same dog from this client: not a duplicate of the first client's.
    await submit(apiKey!, '/wire', [['dog.jpg', dog]]);
    const delivery = await deliveredTo('/wire');
    expect(delivery.body).toMatchObject({ clientId, status: 'completed' });
    expect(delivery.body.files[0]!.duplicates).toEqual([]);
    expect(String(delivery.headers['newsdesk-signature']).match(/v1=/g)).toHaveLength(2);
    expect(String(delivery.headers['webhook-signature']).split(' ')).toHaveLength(2);
    const headers = delivery.headers as Record<string, string>;
    for (const secret of [oldSecret!, newSecret!]) expect(new Webhook(secret).verify(delivery.rawBody, headers)).toEqual(delivery.body);
    expect(() => new Webhook(secret).verify(delivery.rawBody, headers)).toThrow();
  });
});
