import { describe, expect, it } from 'vitest';
import { watchLine } from './watch-line.js';

const row = { submissionId: 's1', reference: 'story-42', fileCount: 2, updatedAt: '2025-03-04T10:11:12.345Z' };

describe('watchLine', () => {
  it.each([
    ['received', 0, '10:11:12  received    s1  story-42  0/2  received 2 files, waiting to be analysed'],
    ['processing', 1, '10:11:12  processing  s1  story-42  1/2  analysing: 1 of 2 files done'],
    ['completed', 2, '10:11:12  completed   s1  story-42  2/2  done: all 2 files were analysed'],
    ['partial', 2, '10:11:12  partial     s1  story-42  2/2  done, but some files could not be analysed'],
    ['failed', 2, '10:11:12  failed      s1  story-42  2/2  failed: no file could be analysed'],
    ['cancelled', 0, '10:11:12  cancelled   s1  story-42  0/2  cancelled'],
  ])('says what %s means to the client', (status, done, line) => {
    expect(watchLine({ ...row, status, done })).toBe(line);
  });

  it('marks a submission without a reference with a dash, and one file in the singular', () => {
    expect(watchLine({ ...row, reference: null, fileCount: 1, status: 'completed', done: 1 })).toBe(
      '10:11:12  completed   s1  -  1/1  done: the file was analysed',
    );
  });
});
