import { describe, expect, it } from 'vitest';
import { ingestTestbed } from '../../test/support/ingest-testbed.js';
import { createMarkSubmission } from './mark-submission.js';

describe('markSubmission', () => {
  it("sets the submission's status and when it began, and setting it again changes nothing else", async () => {
    const { store, seed } = await ingestTestbed();
    const before = await seed();
    const mark = createMarkSubmission(store);
    await mark({ submissionId: before.submissionId, status: 'processing' });
    const began = (await store.getSubmission(before.submissionId))!.updatedAt;
    await new Promise((resolve) => setTimeout(resolve, 2));
    await mark({ submissionId: before.submissionId, status: 'processing' });
    const after = await store.getSubmission(before.submissionId);
    expect(after).toEqual({ ...before, status: 'processing', updatedAt: expect.any(String), statusSince: { processing: began } });
    expect(Date.parse(after!.updatedAt)).toBeGreaterThan(Date.parse(before.updatedAt));
  });

  it('throws for a submission the store does not have, creating nothing', async () => {
    const { store, client } = await ingestTestbed();
    await expect(createMarkSubmission(store)({ submissionId: 'nope', status: 'completed' })).rejects.toThrow('No submission nope.');
    expect(await store.getSubmission('nope')).toBeUndefined();
    expect(await store.listSubmissions(client.clientId, { limit: 10 })).toEqual([]);
  });
});
