import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryEventPublisher } from '../../adapters/event-publisher/in-memory-event-publisher.js';
import { startReceiver } from '../../test/support/webhook-receiver.js';
import type { EscalateAnalysisInput } from './catalog.js';
import { createEscalateAnalysis } from './escalate-analysis.js';

let ops: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  ops = await startReceiver('unused', (r) => (r.path === '/down' ? 503 : 200));
});
afterAll(() => ops?.close());

const input: EscalateAnalysisInput = {
  submissionId: 's1',
  fileId: 'f1',
  deadline: '2026-03-01T10:05:00.000Z',
  graceUntil: '2026-03-01T11:05:00.000Z',
};
const toOps = (path: string) => ops.received.filter((r) => r.path === path);

describe('escalateAnalysis', () => {
  it('publishes Newsdesk.Analysis.Escalated under a derived id and tells the ops webhook', async () => {
    const events = new InMemoryEventPublisher();
    await createEscalateAnalysis({ events, opsWebhookUrl: `${ops.url}/ops` })(input);
    const expected = {
      id: 's1.f1.escalated',
      type: 'Newsdesk.Analysis.Escalated',
      source: '/newsdesk/ingest',
      subject: '/submissions/s1/files/f1',
      data: {
        submissionId: 's1',
        fileId: 'f1',
        deadline: input.deadline,
        graceUntil: input.graceUntil,
        reason: 'analysis-timeout',
        resolveAt: '/api/staff/submissions/s1/files/f1/resolve',
      },
    };
    expect(events.published).toEqual([{ ...expected, time: expect.any(Date) }]);
    expect(toOps('/ops').map((r) => r.body)).toEqual([{ ...expected, time: events.published[0]!.time.toISOString() }]);
  });

  it('publishes the same event when it runs again, and only publishes without an ops webhook', async () => {
    const events = new InMemoryEventPublisher();
    const escalate = createEscalateAnalysis({ events });
    await escalate(input);
    await escalate(input);
    expect(events.published.map((e) => e.id)).toEqual(['s1.f1.escalated', 's1.f1.escalated']);
  });

  it('throws when Event Grid is down, before telling anyone', async () => {
    const events = new InMemoryEventPublisher();
    events.available = false;
    await expect(createEscalateAnalysis({ events, opsWebhookUrl: `${ops.url}/ops-2` })(input)).rejects.toThrow(/unreachable/);
    expect(toOps('/ops-2')).toEqual([]);
  });

  it('throws when the ops webhook fails, the event already published (a retry publishes the same id)', async () => {
    const events = new InMemoryEventPublisher();
    await expect(createEscalateAnalysis({ events, opsWebhookUrl: `${ops.url}/down` })(input)).rejects.toThrow('ops webhook answered 503');
    expect(events.published.map((e) => e.id)).toEqual(['s1.f1.escalated']);
  });
});
