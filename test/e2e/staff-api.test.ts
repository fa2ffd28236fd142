import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionSummary } from '../../contracts/submission-summary.js';
import { fixture } from '../support/fixtures.js';
import { startAnalysedStack, type AnalysedStack } from '../support/analysed-stack.js';
import type { Stack } from '../support/newsdesk-stack.js';

// The desk's read side against the stack as `npm start` runs it, with a real worker: a photo submitted by a client is
// found by an editor through the label filter and followed through the live feeds (issue 13).
let bed: AnalysedStack;
let stack: Stack;

beforeAll(async () => {
  bed = await startAnalysedStack({ min: 1, max: 1 });
  stack = bed.stack;
}, 120_000);
afterAll(() => bed?.stop());

interface Row {
  submissionId: string;
  status: string;
  labels: string[];
  names: string[];
  done: number;
}

const asEditor = (path: string) => fetch(`${stack.url}${path}`, { headers: { authorization: `Bearer ${stack.editorKey}` } });

/** Every `event: submission` row a Server-Sent Events stream sends, as they come, until `stop`. */
function follow(path: string, headers: Record<string, string>) {
  const rows: Row[] = [];
  const abort = new AbortController();
  const reading = (async () => {
    const res = await fetch(`${stack.url}${path}`, { headers, signal: abort.signal });
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'text/event-stream']);
    const decoder = new TextDecoder();
    let buffered = '';
    for await (const chunk of res.body!) {
      buffered += decoder.decode(chunk as Uint8Array, { stream: true });
      for (let end = buffered.indexOf('\n\n'); end >= 0; end = buffered.indexOf('\n\n')) {
        const block = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (block.includes('event: submission') && data) rows.push(JSON.parse(data.slice(6)) as Row);
      }
    }
  })().catch((e: unknown) => {
    if (!abort.signal.aborted) throw e;
  });
  return { rows, stop: () => (abort.abort(), reading) };
}

describe('the staff API on the running stack', () => {
  it('finds an analysed photo by its label, in the list, the detail and both live feeds', async () => {
    const desk = follow('/api/staff/events', { authorization: `Bearer ${stack.editorKey}` });
    const watch = follow('/api/submissions/events', { 'x-api-key': stack.apiKey });
    const name = `desk-${Date.now()}.jpg`;
    const form = new FormData();
    form.append('webhookUrl', `${bed.hook.url}/desk`);
    form.append('reference', 'desk e2e');
    form.append('file', new Blob([new Uint8Array(fixture('dog-bicycle-truck.jpg'))]), name);
    const posted = await fetch(`${stack.url}/api/submissions`, { method: 'POST', headers: { 'x-api-key': stack.apiKey }, body: form });
    expect(posted.status).toBe(202);
    const { submissionId } = (await posted.json()) as { submissionId: string };

    // The labels the client was sent are the ones the desk filters by.
    await expect.poll(() => bed.hook.received.filter((r) => r.path === '/desk').length, { timeout: 60_000, interval: 250 }).toBe(1);
    const summary = bed.hook.received.find((r) => r.path === '/desk')!.body as SubmissionSummary;
    const tags = summary.files[0]!.analysis!.tags;
    expect(tags.length).toBeGreaterThan(0);
    const label = tags[0]!;

    const list = async (query: string) => {
      const res = await asEditor(`/api/staff/submissions${query}`);
      expect(res.status).toBe(200);
      return ((await res.json()) as { submissions: Row[] }).submissions.map((r) => r.submissionId);
    };
    await expect.poll(() => list(`?label=${encodeURIComponent(label)}&q=${name}`), { timeout: 10_000 }).toEqual([submissionId]);
    expect(await list(`?label=${encodeURIComponent(`${label}-none`)}&q=${name}`)).toEqual([]);
    expect(await list(`?status=completed&client=${summary.clientId}&q=${name}`)).toEqual([submissionId]);

    const detail = (await (await asEditor(`/api/staff/submissions/${submissionId}`)).json()) as {
      clientId: string;
      files: { assets: { thumbnail320?: string }; timeline: { state: string }[] }[];
      deliveries: { status: string }[];
    };
    expect(detail.clientId).toBe(summary.clientId);
    expect(detail.files[0]!.timeline.map((t) => t.state)).toEqual(['received', 'queued', 'analysed', 'delivered']);
    expect(detail.deliveries).toEqual([expect.objectContaining({ status: 'delivered' })]);
    const thumbnail = await fetch(detail.files[0]!.assets.thumbnail320!);
    expect([thumbnail.status, thumbnail.headers.get('content-type')]).toEqual([200, 'image/webp']);

    // Both feeds carried the submission from its arrival to the row with its labels.
    for (const feed of [desk, watch]) {
      await expect
        .poll(() => feed.rows.some((r) => r.submissionId === submissionId && r.labels.includes(label) && r.done === 1), { timeout: 5_000 })
        .toBe(true);
      expect(feed.rows.find((r) => r.submissionId === submissionId)!.names).toEqual([name]);
    }
    await desk.stop();
    await watch.stop();

    // Staff endpoints are closed to a client key.
    const refused = await fetch(`${stack.url}/api/staff/submissions`, { headers: { 'x-api-key': stack.apiKey } });
    expect(refused.status).toBe(403);
  });
});
