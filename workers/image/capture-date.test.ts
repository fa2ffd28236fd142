import { describe, expect, it } from 'vitest';
import { captureDate } from './capture-date.js';

describe('captureDate', () => {
  it('keeps EXIF wall-clock time without inventing a zone', () => {
    expect(captureDate({ DateTimeOriginal: '2011:08:15 13:24:08' })).toBe('2011-08-15T13:24:08');
  });

  it('adds the offset the camera recorded', () => {
    expect(captureDate({ DateTimeOriginal: '2019:10:20 18:34:30', OffsetTimeOriginal: '+02:00' })).toBe('2019-10-20T18:34:30+02:00');
  });

  it('prefers DateTimeOriginal, then IPTC date and time, then CreateDate', () => {
    expect(captureDate({ CreateDate: '2020:01:01 00:00:01', DateTimeOriginal: '2015:06:11 10:29:26' })).toBe('2015-06-11T10:29:26');
    expect(captureDate({ DateCreated: '20150611', TimeCreated: '102926+0100', CreateDate: '2020:01:01 00:00:01' })).toBe(
      '2015-06-11T10:29:26+01:00',
    );
    expect(captureDate({ DateCreated: '20150611' })).toBe('2015-06-11');
    expect(captureDate({ CreateDate: '2009-02-09T11:11:30' })).toBe('2009-02-09T11:11:30');
  });

  it('treats an unset camera clock as unknown', () => {
    expect(captureDate({ DateTimeOriginal: '0000:00:00 00:00:00' })).toBeNull();
    expect(captureDate({})).toBeNull();
  });
});
