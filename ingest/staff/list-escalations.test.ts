import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_KEY, EDITOR_KEY, expectProblem, ingestTestbed, received, type IngestTestbed } from '../../test/support/ingest-testbed.js';
import { createListEscalations, type EscalationRow } from './list-escalations.js';

let tb: IngestTestbed;
// Real time: the SAS URLs it hands out are checked against the clock by the blob endpoint that serves them.
const NOW = new Date();
/** `minutes` before NOW. */
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();
beforeEach(async () => {
  tb = await ingestTestbed({ now: () => NOW });
});
afterEach(async () => {
  await tb.blobs.close();
});

const list = (headers: Record<string, string> = { authorization: `Bearer ${EDITOR_KEY}` }, key: string | null = null) =>
  createListEscalations(tb.deps)(tb.request('GET', '/api/staff/escalations', { key, headers }), {} as never);

/** A submission of one file, escalated at `at` with `graceMinutes` to go from there; its original stored. */
async function escalate(at: string, graceMinutes: number, patch: Parameters<IngestTestbed['seed']>[0] = {}) {
  const s = await tb.seed({ status: 'processing', ...patch });
  await tb.blobs.upload(s.files[0]!.blob, Readable.from(Buffer.from('jpeg bytes')));
  await tb.store.setFileState(s.submissionId, { fileId: 'f1', state: 'escalated', escalated: true, updatedAt: at });
  const deadline = new Date(Date.parse(at) + graceMinutes * 60_000).toISOString();
  await tb.store.putEscalation({ submissionId: s.submissionId, fileId: 'f1', escalatedAt: at, deadline });
  return { ...s, deadline };
}

describe('GET /api/staff/escalations', () => {
  it.each([
    ['no credential', {}, null, 401, 'staff-sign-in-required'],
    ['an unknown editor key', { authorization: 'Bearer nd_editor_not-a-key' }, null, 401, 'invalid-staff-key'],
    ["a client's API key", {}, API_KEY, 403, 'staff-only'],
  ] as const)('refuses %s', async (_what, headers, key, status, code) => {
    await expectProblem(await list(headers, key), status, code);
  });

  it('lists the files within their grace period, oldest first, with the client, the file and a loadable original', async () => {
    const later = await escalate(ago(10), 60, { reference: 'FIRE-7' });
    const earlier = await escalate(ago(20), 60);
    const res = await received<{ escalations: EscalationRow[] }>(await list());
    expect(res.status).toBe(200);
    expect(res.body.escalations).toEqual([
      {
        submissionId: earlier.submissionId,
        fileId: 'f1',
        clientId: 'desk',
        clientName: 'Photo desk',
        name: 'a.jpg',
        mediaType: 'photo',
        reference: null,
        escalatedAt: ago(20),
        deadline: earlier.deadline,
        assets: { original: expect.any(String) },
      },
      expect.objectContaining({ submissionId: later.submissionId, reference: 'FIRE-7', deadline: later.deadline }),
    ]);
    // A short-lived read SAS an <img> can load: the bytes, served as the type sniffed on intake.
    const original = await fetch(res.body.escalations[0]!.assets.original!);
    expect(original.headers.get('content-type')).toBe('image/jpeg');
    expect(await original.text()).toBe('jpeg bytes');
  });

  it('leaves out a file past its deadline, one an editor resolved, one whose analysis ended, and a cancelled submission', async () => {
    await escalate(ago(90), 30);
    const resolved = await escalate(ago(30), 60);
    const by = { id: 'editor:Night', name: 'Night' };
    await tb.store.updateFileState(
      resolved.submissionId,
      'f1',
      (c) => c && { ...c, resolution: { by, at: NOW.toISOString(), outcome: 'failed' } },
    );
    const ended = await escalate(ago(30), 60);
    await tb.store.setFileState(ended.submissionId, { fileId: 'f1', state: 'completed', escalated: true, updatedAt: NOW.toISOString() });
    await escalate(ago(30), 60, { status: 'cancelled' });
    const waiting = await escalate(ago(5), 60);
    const res = await received<{ escalations: EscalationRow[] }>(await list());
    expect(res.body.escalations.map((e) => e.submissionId)).toEqual([waiting.submissionId]);
  });

  it("offers a video's poster, contact sheet and timed keyframes once a worker wrote them", async () => {
    const s = await escalate(ago(20), 60, {});
    await tb.store.createSubmission(
      {
        ...s,
        submissionId: 's-video',
        files: [{ ...s.files[0]!, name: 'clip.mp4', contentType: 'video/mp4', blob: 'incoming/s-video/f1' }],
      },
      { id: 's-video', type: 't', source: '/s', subject: '/submissions/s-video', time: NOW, data: {} },
    );
    await tb.store.setFileState('s-video', { fileId: 'f1', state: 'escalated', escalated: true, updatedAt: NOW.toISOString() });
    await tb.store.putEscalation({
      submissionId: 's-video',
      fileId: 'f1',
      escalatedAt: ago(10),
      deadline: ago(-30),
    });
    await tb.blobs.uploadJson('results/s-video/f1/analysis.json', {
      mediaType: 'video',
      keyframes: [{ timestampSeconds: 0 }, { timestampSeconds: 4.2 }],
    });
    const res = await received<{ escalations: EscalationRow[] }>(await list());
    const video = res.body.escalations.find((e) => e.submissionId === 's-video')!;
    expect(video).toMatchObject({ name: 'clip.mp4', mediaType: 'video' });
    expect(video.assets).toEqual({
      original: expect.stringContaining('/incoming/s-video/f1?'),
      poster: expect.stringContaining('/results/s-video/f1/poster.webp?'),
      contactSheet: expect.stringContaining('/results/s-video/f1/contact-sheet.webp?'),
      keyframes: [
        { url: expect.stringContaining('/results/s-video/f1/keyframe-000.jpg?'), time: 0 },
        { url: expect.stringContaining('/results/s-video/f1/keyframe-001.jpg?'), time: 4.2 },
      ],
    });
  });
});
