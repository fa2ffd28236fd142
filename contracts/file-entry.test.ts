import { describe, expect, it } from 'vitest';
import type { WorkerAnalysis } from './file-analysis.js';
import { fileEntryOf } from './file-entry.js';
import type { SubmittedFile } from './submission.js';
import { fileSummary } from './submission-summary.js';

const file: SubmittedFile = {
  fileId: 'f1',
  name: 'pier.jpg',
  size: 2048,
  contentType: 'image/jpeg',
  sha256: 'a'.repeat(64),
  blob: 'incoming/s1/f1',
};
const photo = { source: 'worker', mediaType: 'photo' } as WorkerAnalysis;
const progress = { escalated: false, reason: null, analysis: photo, duplicates: [] };

describe('a file entry', () => {
  it('shows what ingest recorded, the analysis and the links of the assets a worker wrote once the file completed', () => {
    const entry = fileEntryOf('http://h', 's1', file, { state: 'completed' as const, ...progress }, true);
    expect(entry).toEqual({
      fileId: 'f1',
      name: 'pier.jpg',
      contentType: 'image/jpeg',
      size: 2048,
      sha256: 'a'.repeat(64),
      state: 'completed',
      escalated: false,
      reason: null,
      analysis: photo,
      duplicates: [],
      links: {
        original: 'http://h/api/submissions/s1/files/f1/original',
        analysis: 'http://h/api/submissions/s1/files/f1/analysis',
        thumbnail320: 'http://h/api/submissions/s1/files/f1/thumbnail-320',
        thumbnail1280: 'http://h/api/submissions/s1/files/f1/thumbnail-1280',
      },
    });
    expect(Object.keys(entry)).toEqual(Object.keys(fileSummary.shape));
  });

  it('hides an analysis, and the links it would give, while the file is not completed', () => {
    const queued = fileEntryOf('http://h', 's1', file, { state: 'queued', ...progress }, true);
    expect(queued).toMatchObject({ state: 'queued', analysis: null, links: { original: 'http://h/api/submissions/s1/files/f1/original' } });
    expect(Object.keys(queued.links)).toEqual(['original']);
  });

  it('names no original once a cancellation removed it', () => {
    const failed = fileEntryOf('http://h', 's1', file, { state: 'failed', ...progress, reason: 'cancelled by the client' }, false);
    expect(failed).toMatchObject({ state: 'failed', reason: 'cancelled by the client', analysis: null, links: {} });
  });
});
