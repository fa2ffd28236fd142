import { describe, expect, it } from 'vitest';
import { matchesFilter } from './filter.js';

const event = { eventType: 'Newsdesk.Submission.Received', subject: 'Submissions/ABC-123/files/photo.JPG' };

describe('matchesFilter', () => {
  it('matches everything when the filter is empty', () => {
    expect(matchesFilter({}, event)).toBe(true);
    expect(matchesFilter({}, { eventType: 'x', subject: '' })).toBe(true);
  });

  it('matches event types exactly, case included', () => {
    expect(matchesFilter({ includedEventTypes: ['Other', 'Newsdesk.Submission.Received'] }, event)).toBe(true);
    expect(matchesFilter({ includedEventTypes: ['Newsdesk.Analysis.Escalated'] }, event)).toBe(false);
    expect(matchesFilter({ includedEventTypes: ['newsdesk.submission.received'] }, event)).toBe(false);
    expect(matchesFilter({ includedEventTypes: ['Newsdesk.Submission'] }, event)).toBe(false);
  });

  it('compares subject prefix and suffix case-insensitively by default', () => {
    expect(matchesFilter({ subjectBeginsWith: 'submissions/abc' }, event)).toBe(true);
    expect(matchesFilter({ subjectEndsWith: '.jpg' }, event)).toBe(true);
    expect(matchesFilter({ subjectBeginsWith: 'incoming/' }, event)).toBe(false);
    expect(matchesFilter({ subjectEndsWith: '.png' }, event)).toBe(false);
  });

  it('honours isSubjectCaseSensitive', () => {
    const f = { subjectBeginsWith: 'submissions/', isSubjectCaseSensitive: true };
    expect(matchesFilter(f, event)).toBe(false);
    expect(matchesFilter({ ...f, subjectBeginsWith: 'Submissions/' }, event)).toBe(true);
    expect(matchesFilter({ subjectEndsWith: '.jpg', isSubjectCaseSensitive: true }, event)).toBe(false);
  });

  it('requires every condition to hold', () => {
    const f = { includedEventTypes: [event.eventType], subjectBeginsWith: 'submissions/', subjectEndsWith: '.png' };
    expect(matchesFilter(f, event)).toBe(false);
    expect(matchesFilter({ ...f, subjectEndsWith: '.jpg' }, event)).toBe(true);
  });

  it('does not match a subject filter when the event has no subject', () => {
    expect(matchesFilter({ subjectBeginsWith: 'a' }, { eventType: 't', subject: '' })).toBe(false);
  });
});
