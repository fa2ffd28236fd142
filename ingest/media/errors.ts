/**
 * Errors of media intake. Each carries a stable `code` (a lower-case slug clients branch on: never
 * rename one) and the HTTP status it maps to, which is all `toProblemResponse` needs to answer it;
 * the message is written for the client (it becomes the problem's `detail`).
 */
export abstract class IntakeError extends Error {
  abstract readonly code: string;
  abstract readonly status: number;
  /** The client's name of the file part the error is about, when one is known and valid. */
  filename?: string;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }

  /** Names the file the error is about, in `filename` and in the message the client reads (once). */
  aboutFile(filename: string): this {
    if (this.filename === undefined) {
      this.filename = filename;
      this.message = `"${filename}": ${this.message}`;
    }
    return this;
  }
}

/** The bytes are not one of the accepted photo or video formats (whatever the name or declared type say). */
export class UnsupportedMediaError extends IntakeError {
  readonly code = 'unsupported-media-type';
  readonly status = 415;
  constructor(readonly detected?: string) {
    super(`The content is not a supported photo or video${detected ? ` (it looks like ${detected})` : ''}.`);
  }
}

export class EmptyFileError extends IntakeError {
  readonly code = 'empty-file';
  readonly status = 400;
  constructor() {
    super('The file is empty.');
  }
}

export class FileTooLargeError extends IntakeError {
  readonly code = 'file-too-large';
  readonly status = 413;
  constructor(readonly limit: number) {
    super(`The file is larger than the limit of ${limit} bytes.`);
  }
}

export class NotMultipartError extends IntakeError {
  readonly code = 'not-multipart';
  readonly status = 415;
  constructor(reason: string) {
    super(`The request body must be multipart/form-data: ${reason}.`);
  }
}

/** Broken framing, a bad part header, or a body that ends before the final boundary. */
export class MalformedMultipartError extends IntakeError {
  readonly code = 'malformed-multipart';
  readonly status = 400;
  constructor(readonly reason: string) {
    super(`The multipart body is malformed: ${reason}.`);
  }
}

export class BadFilenameError extends IntakeError {
  readonly code = 'bad-filename';
  readonly status = 400;
  constructor(
    readonly problem: string,
    readonly fieldName?: string,
  ) {
    super(`Bad file name${fieldName ? ` in part "${fieldName}"` : ''}: ${problem}.`);
  }
}

export class TooManyFilesError extends IntakeError {
  readonly code = 'too-many-files';
  readonly status = 413;
  constructor(readonly limit: number) {
    super(`A submission may hold at most ${limit} files.`);
  }
}

/** The whole request body (multipart framing included) is over the limit. */
export class PayloadTooLargeError extends IntakeError {
  readonly code = 'payload-too-large';
  readonly status = 413;
  constructor(readonly limit: number) {
    super(`The request body is larger than the limit of ${limit} bytes.`);
  }
}

export class TooManyFieldsError extends IntakeError {
  readonly code = 'too-many-fields';
  readonly status = 413;
  constructor(readonly limit: number) {
    super(`A submission may hold at most ${limit} non-file fields.`);
  }
}

export class FieldTooLargeError extends IntakeError {
  readonly code = 'field-too-large';
  readonly status = 413;
  constructor(
    readonly fieldName: string,
    readonly limit: number,
  ) {
    super(`Field "${fieldName}" is longer than the limit of ${limit} bytes.`);
  }
}

/** A part's own header block has too many lines or too many bytes. */
export class PartHeadersTooLargeError extends IntakeError {
  readonly code = 'part-headers-too-large';
  readonly status = 413;
  constructor(readonly reason: string) {
    super(`A part's headers are too large: ${reason}.`);
  }
}

/** Nothing of the body arrived for too long: a stalled or dripping client holds a connection and partial files. */
export class UploadIdleTimeoutError extends IntakeError {
  readonly code = 'upload-idle-timeout';
  readonly status = 408;
  constructor(readonly idleMs: number) {
    super(`Nothing of the request body arrived for ${idleMs / 1000} s; nothing was kept, send it again.`);
  }
}

export class NoFilesError extends IntakeError {
  readonly code = 'no-files';
  readonly status = 400;
  constructor() {
    super('The submission holds no file parts.');
  }
}
