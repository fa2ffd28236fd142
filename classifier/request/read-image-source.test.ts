import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { imageSourceOf, imageUrlOf } from './read-image-source.js';

const withType = (contentType?: string) =>
  ({ headers: contentType === undefined ? {} : { 'content-type': contentType } }) as IncomingMessage;

describe('imageSourceOf', () => {
  it('takes bytes as octet-stream or image/*, and a URL as JSON, whatever the parameters', () => {
    expect(imageSourceOf(withType('application/octet-stream'))).toBe('bytes');
    expect(imageSourceOf(withType('image/jpeg'))).toBe('bytes');
    expect(imageSourceOf(withType('Application/JSON; charset=utf-8'))).toBe('url');
  });

  it('refuses anything else as UnsupportedMediaType, naming it', () => {
    expect(() => imageSourceOf(withType('multipart/form-data; boundary=x'))).toThrow(
      /The content type 'multipart\/form-data' is not supported/,
    );
    expect(() => imageSourceOf(withType())).toThrow(/The content type '' is not supported/);
  });
});

describe('imageUrlOf', () => {
  it('reads { "url": … }', () => {
    expect(imageUrlOf(Buffer.from('{ "url": " https://example.com/a.jpg " }'))).toBe('https://example.com/a.jpg');
  });

  it.each(['', 'url=https://x', '[]', '{"url": 3}', '{"uri": "https://x"}', '{"url": "  "}'])('refuses %j as BadArgument', (body) => {
    expect(() => imageUrlOf(Buffer.from(body))).toThrow(/^The request body is not valid: /);
  });
});
