import { describe, expect, it } from 'vitest';
import * as errors from './errors.js';

const all: [errors.IntakeError, string, number][] = [
  [new errors.UnsupportedMediaError('text/plain'), 'unsupported-media-type', 415],
  [new errors.EmptyFileError(), 'empty-file', 400],
  [new errors.FileTooLargeError(10), 'file-too-large', 413],
  [new errors.NotMultipartError('no boundary'), 'not-multipart', 415],
  [new errors.MalformedMultipartError('unexpected end of form'), 'malformed-multipart', 400],
  [new errors.BadFilenameError('the name is empty', 'photo'), 'bad-filename', 400],
  [new errors.TooManyFilesError(3), 'too-many-files', 413],
  [new errors.PayloadTooLargeError(100), 'payload-too-large', 413],
  [new errors.TooManyFieldsError(2), 'too-many-fields', 413],
  [new errors.FieldTooLargeError('caption', 10), 'field-too-large', 413],
  [new errors.PartHeadersTooLargeError('more than 2 header fields'), 'part-headers-too-large', 413],
  [new errors.NoFilesError(), 'no-files', 400],
];

describe('media intake errors', () => {
  it.each(all.map(([error, code, status]) => [error.name, error, code, status] as const))(
    '%s has its stable code and status',
    (name, error, code, status) => {
      expect(error).toBeInstanceOf(errors.IntakeError);
      expect(error).toMatchObject({ name, code, status });
      // The slug form toProblemResponse requires before it shows an error's code to the client.
      expect(error.code).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(error.message).toMatch(/^[A-Z].*\.$/);
    },
  );

  it('gives every error its own code', () => {
    expect(new Set(all.map(([e]) => e.code)).size).toBe(all.length);
  });

  it('names the file once, in the message the client reads', () => {
    const error = new errors.EmptyFileError().aboutFile('a.jpg').aboutFile('b.jpg');
    expect(error).toMatchObject({ filename: 'a.jpg', message: '"a.jpg": The file is empty.' });
  });
});
