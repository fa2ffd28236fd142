import { describe, expect, it } from 'vitest';
import { NotMultipartError } from './errors.js';
import { multipartBoundary } from './multipart-boundary.js';

describe('multipartBoundary', () => {
  it.each([
    ['multipart/form-data; boundary=----formdata-undici-0123', '----formdata-undici-0123'],
    ['Multipart/Form-Data; charset=utf-8; BOUNDARY=abc', 'abc'],
    ['multipart/form-data;boundary="a b;c"', 'a b;c'],
    ['multipart/form-data; boundary="q\\"uote"', 'q"uote'],
    ['  multipart/form-data ; boundary = x-y_z ', 'x-y_z'],
  ])('reads %j', (header, boundary) => expect(multipartBoundary(header)).toBe(boundary));

  it.each([
    ['no header', undefined, /missing/],
    ['an empty header', '  ', /missing/],
    ['JSON', 'application/json; charset=utf-8', /"application\/json"/],
    ['a URL-encoded form', 'application/x-www-form-urlencoded', /urlencoded/],
    ['another multipart type', 'multipart/mixed; boundary=abc', /multipart\/mixed/],
    ['a look-alike type', 'multipart/form-datax; boundary=abc', /form-datax/],
    ['form-data without a boundary', 'multipart/form-data', /no boundary/],
    ['an empty quoted boundary', 'multipart/form-data; boundary=""', /no boundary/],
    ['a boundary over 70 characters', `multipart/form-data; boundary=${'x'.repeat(71)}`, /70 characters/],
  ])('refuses %s', (_name, header, message) => {
    expect(() => multipartBoundary(header)).toThrow(NotMultipartError);
    expect(() => multipartBoundary(header)).toThrow(message);
  });
});
