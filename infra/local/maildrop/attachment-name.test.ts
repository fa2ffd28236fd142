import { describe, expect, it } from 'vitest';
import { attachmentName, fallbackName } from './attachment-name.js';

describe('attachmentName', () => {
  it.each([
    ['photo.jpg', 'photo.jpg'],
    ['C:\\Users\\ann\\photo.jpg', 'photo.jpg'],
    ['../../etc/passwd', 'passwd'],
    ['  spaced name.mov  ', 'spaced name.mov'],
    ['evil\u202Egpj.exe', 'evilgpj.exe'],
    ['line\r\nbreak.png', 'linebreak.png'],
    ['dir/', undefined],
    ['..', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j → %j', (input, expected) => {
    expect(attachmentName(input)).toBe(expected);
  });

  it('cuts a long name to 255 characters, keeping the extension and whole code points', () => {
    const name = attachmentName('😀'.repeat(200) + '.jpeg')!;
    expect(name.length).toBeLessThanOrEqual(255);
    expect(name.endsWith('😀.jpeg')).toBe(true);
    expect(name).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe('fallbackName', () => {
  it('numbers the attachment and guesses an extension from the type', () => {
    expect(fallbackName(0, 'image/jpeg')).toBe('attachment-1.jpg');
    expect(fallbackName(2, 'video/mp4')).toBe('attachment-3.mp4');
    expect(fallbackName(1, 'application/octet-stream')).toBe('attachment-2');
    expect(fallbackName(4, undefined)).toBe('attachment-5');
  });
});
