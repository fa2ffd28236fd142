import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../../test/support/webhook-receiver.js';
import { notifyOps } from './notify-ops.js';

let ops: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  ops = await startReceiver('unused', (r) => (r.path === '/down' ? 503 : 204));
});
afterAll(() => ops?.close());

const event = { id: 's1.f1.escalated', type: 'Newsdesk.Analysis.Escalated', subject: '/submissions/s1/files/f1', data: { fileId: 'f1' } };

describe('notifyOps', () => {
  it('posts the event as JSON, its type and id in headers', async () => {
    await notifyOps(`${ops.url}/ops`, event);
    const [r] = ops.received.filter((x) => x.path === '/ops');
    expect(r!.body).toEqual(event);
    expect(r!.headers).toMatchObject({
      'content-type': 'application/json',
      'newsdesk-event': 'Newsdesk.Analysis.Escalated',
      'newsdesk-event-id': 's1.f1.escalated',
    });
  });

  it('does nothing when no ops webhook is configured', async () => {
    const before = ops.received.length;
    await expect(notifyOps(undefined, event)).resolves.toBeUndefined();
    expect(ops.received).toHaveLength(before);
  });

  it('throws when the ops webhook answers an error, so the activity is retried', async () => {
    await expect(notifyOps(`${ops.url}/down`, event)).rejects.toThrow('ops webhook answered 503');
  });

  it('throws when the ops webhook cannot be reached', async () => {
    const gone = await startReceiver('unused');
    await gone.close();
    await expect(notifyOps(`${gone.url}/ops`, event)).rejects.toThrow();
  });
});
