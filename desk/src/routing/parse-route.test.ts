import { describe, expect, it } from 'vitest';
import { links } from './links.js';
import { parseRoute } from './parse-route.js';

describe('parseRoute', () => {
  it('reads every page of the contract', () => {
    expect(parseRoute('')).toEqual({ page: 'submissions', query: '' });
    expect(parseRoute('#/submissions?status=failed')).toEqual({ page: 'submissions', query: 'status=failed' });
    expect(parseRoute('#/submissions/s_1')).toEqual({ page: 'submission', id: 's_1' });
    expect(parseRoute('#/escalations')).toEqual({ page: 'escalations' });
    expect(parseRoute('#/escalations/s_1/f_2')).toEqual({ page: 'escalation', submissionId: 's_1', fileId: 'f_2' });
    expect(parseRoute('#/upload')).toEqual({ page: 'upload' });
    expect(parseRoute('#/system')).toEqual({ page: 'system' });
  });

  it('reads back the links it is given, odd ids included', () => {
    expect(parseRoute(links.submission('s/1 ä'))).toEqual({ page: 'submission', id: 's/1 ä' });
    expect(parseRoute(links.escalation('s?1', 'f#2'))).toEqual({ page: 'escalation', submissionId: 's?1', fileId: 'f#2' });
    expect(parseRoute(links.submissions('q=x'))).toEqual({ page: 'submissions', query: 'q=x' });
  });

  it('answers not-found for anything else', () => {
    for (const hash of ['#/nope', '#/system/x', '#/escalations/s_1', '#/submissions/a/b/c', '#/submissions/%E0%A4%A'])
      expect(parseRoute(hash).page).toBe('not-found');
  });
});
