import { describe, expect, it } from 'vitest';
import { checkFilename } from './check-filename.js';

describe('checkFilename', () => {
  it.each([
    'photo.jpg',
    'IMG_0001.HEIC',
    'Demo 2024-05-01 (1).mov',
    'Überflutung in Köln 📷.jpg',
    '.hidden',
    'a.b.c',
    'a..b.jpg',
    'photo..jpg',
    '...',
    '..hidden',
    'x'.repeat(255),
  ])('accepts %j', (name) => expect(checkFilename(name)).toBeUndefined());

  it.each([
    ['', /empty/],
    ['../../etc/passwd', /path separator/],
    ['/etc/passwd', /path separator/],
    ['a/b.jpg', /path separator/],
    ['..\\x.jpg', /path separator/],
    ['..', /the name is "\.\."/],
    ['.', /the name is "\."/],
    ['../a..b.jpg', /path separator/],
    ['a..b.jpg/..', /path separator/],
    ['nul\0.jpg', /control character/],
    ['bell\x07.jpg', /control character/],
    ['line\nbreak.jpg', /control character/],
    ['del\x7f.jpg', /control character/],
    ['c1\u0085.jpg', /control character/],
    ['x'.repeat(256), /256 bytes long/],
    ['é'.repeat(128), /256 bytes long/],
  ])('refuses %j', (name, problem) => expect(checkFilename(name)).toMatch(problem));
});
