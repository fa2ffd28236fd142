import { describe, expect, it } from 'vitest';
import type { Delivery } from '@newsdesk/local-platform/inbox';
import type { FileSummary, SubmissionSummary } from '../../contracts/submission-summary.js';
import { scriptedAnalysis } from '../../test/support/scripted-analysis.js';
import { deliveryLine } from './delivery-line.js';

const SHA = 'a'.repeat(64);
const link = 'http://127.0.0.1:7071/api/submissions/sub-1';

function file(n: number, overrides: Partial<FileSummary> = {}): FileSummary {
  return {
    fileId: `f${n}`,
    name: `photo-${n}.jpg`,
    contentType: 'image/jpeg',
    size: 1000,
    sha256: SHA,
    state: 'completed',
    escalated: false,
    reason: null,
    analysis: scriptedAnalysis('photo'),
    duplicates: [],
    links: {},
    ...overrides,
  };
}

function summary(files: FileSummary[], status: SubmissionSummary['status'] = 'completed'): SubmissionSummary {
  const at = '2025-01-01T00:00:00.000Z';
  return {
    schemaVersion: 1,
    submissionId: 'sub-1',
    clientId: 'dev',
    reference: null,
    status,
    receivedAt: at,
    completedAt: at,
    files,
    links: { submission: link },
  };
}

const delivered = (body: unknown, verified = true): Delivery => ({
  id: 'sub-1.1',
  receivedAt: new Date().toISOString(),
  path: '/deliveries',
  headers: {},
  verified,
  ...(verified ? {} : { reason: 'no v1 signature matches the secret' }),
  status: verified ? 200 : 401,
  body,
});

describe('deliveryLine', () => {
  it('names the submission, status, files, first labels and most confident topics, and that it verified', () => {
    const photo = { ...scriptedAnalysis('photo'), tags: ['dog', 'outdoor'], objects: [{ name: 'bicycle', count: 2 }] };
    photo.topics = [
      { code: 'medtop:20000065', name: 'animal', confidence: 0.6 },
      { code: 'medtop:20000537', name: 'cycling', confidence: 0.9 },
    ];
    const video = { ...scriptedAnalysis('video'), tags: ['road'] };
    video.topics = [{ code: 'medtop:20000537', name: 'cycling', confidence: 0.8 }];
    const body = summary([file(1, { analysis: photo }), file(2, { contentType: 'video/mp4', analysis: video })]);
    expect(deliveryLine(delivered(body))).toBe(
      'Inbox: sub-1 completed, 2 files; labels: dog, outdoor, bicycle, test, road; topics: cycling, animal; verified',
    );
  });

  it('counts the files that did not complete, and shows dashes when nothing was recognised', () => {
    const failed = file(2, { state: 'failed', reason: 'not a picture', analysis: null });
    const late = file(3, { state: 'timed-out', reason: 'analysis timed out', analysis: null, escalated: true });
    const empty = file(1, { analysis: { ...scriptedAnalysis('photo'), tags: [] } });
    expect(deliveryLine(delivered(summary([empty, failed, late, { ...late, fileId: 'f4' }], 'partial')))).toBe(
      'Inbox: sub-1 partial, 4 files (1 failed, 2 timed-out); labels: -; topics: -; verified',
    );
  });

  it('names the files seen before, each with its nearest earlier copy', () => {
    const again = file(1, { duplicates: [{ submissionId: 'sub-0', fileId: 'f9', name: 'first.jpg', distance: 0, exact: true }] });
    const near = file(2, {
      duplicates: [
        { submissionId: 'sub-0', fileId: 'f8', name: 'other.jpg', distance: 3, exact: false },
        { submissionId: 'sub-0', fileId: 'f7', name: 'farther.jpg', distance: 5, exact: false },
      ],
    });
    expect(deliveryLine(delivered(summary([again, near, file(3)])))).toMatch(
      /; seen before: photo-1\.jpg = first\.jpg of sub-0 \(exact\), photo-2\.jpg = other\.jpg of sub-0 \(3 bits\); verified$/,
    );
  });

  it('says when the signature did not verify, and what was answered', () => {
    expect(deliveryLine(delivered(summary([file(1)]), false))).toBe(
      'Inbox: sub-1 completed, 1 file; labels: test; topics: -; NOT verified (no v1 signature matches the secret), answered 401',
    );
  });

  it('says why a body is not a v1 summary', () => {
    expect(deliveryLine(delivered({ hello: 'world' }))).toMatch(
      /^Inbox: delivery sub-1\.1 is not a v1 submission summary \(schemaVersion: .+\); verified$/,
    );
    expect(deliveryLine({ ...delivered('plain text'), id: null })).toMatch(
      /^Inbox: delivery \(no webhook-id\) is not a v1 submission summary \(\(root\): .+\); verified$/,
    );
  });
});
