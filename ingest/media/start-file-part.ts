import type { Readable } from 'node:stream';
import type { MediaContentType } from '../../contracts/media.js';
import { FileTooLargeError, IntakeError, MalformedMultipartError } from './errors.js';
import { createInspector, type Inspector } from './inspect-stream.js';

export interface FilePart {
  fieldName: string;
  /** The client's file name, validated by `checkFilename`: a label, never a path. */
  filename: string;
  /** The Content-Type the client declared: informative only, never trusted. */
  declaredType: string;
  /** The file's bytes, already piped through an inspector: read it to the end (or destroy it). */
  stream: Readable;
  /** Size, hash and sniffed type; throws until `stream` has ended. */
  inspection(): { size: number; sha256: string; contentType: MediaContentType };
}

export interface StartedFile<T> {
  inspector: Inspector;
  /** onFile's promise; its failure is also reported to `fail`. */
  upload: Promise<T>;
}

interface Part {
  fieldName: string;
  filename: string;
  declaredType: string;
  /** busboy's stream of the part's bytes. */
  file: Readable;
}

/**
 * Pipes one file part through an inspector and hands it to `onFile`. Every way the part can go
 * wrong (busboy's stream, the inspector's verdict, onFile) is reported to `fail`, labelled with the
 * file's name when it is the first error; `fail` ignores all but the first.
 */
export function startFilePart<T>(
  part: Part,
  maxFileBytes: number,
  /** The checks still running on the fields before this part: onFile starts only once they pass. */
  fieldsChecked: Promise<unknown> | undefined,
  onFile: (part: FilePart) => Promise<T>,
  fail: (error: unknown) => void,
  failed: () => boolean,
): StartedFile<T> {
  const { fieldName, filename, declaredType, file } = part;
  const inspector = createInspector({ maxBytes: maxFileBytes });
  const aboutThisFile = (error: unknown) => {
    if (error instanceof IntakeError && !failed()) error.aboutFile(filename);
    fail(error);
  };
  file.on('error', (error) => fail(new MalformedMultipartError(lowerFirst(error.message))));
  // busboy stops at maxFileBytes + 1 and says so, before the inspector has even seen that byte.
  file.on('limit', () => aboutThisFile(new FileTooLargeError(maxFileBytes)));
  inspector.on('error', aboutThisFile);
  file.pipe(inspector);

  const start = () => onFile({ fieldName, filename, declaredType, stream: inspector, inspection: () => inspector.result() });
  const upload = fieldsChecked
    ? fieldsChecked.then(() => {
        // Failed while this part waited on the fields: nothing of it is stored.
        if (failed()) throw new Error(`"${filename}" was not started: the request had already failed`);
        return start();
      })
    : new Promise<T>((resolve) => resolve(start()));
  upload.then(() => {
    if (inspector.readableEnded) return;
    // onFile is done but left bytes unread: drop them, or busboy never reaches the next part.
    if (!inspector.destroyed) inspector.resume();
    else fail(new Error(`onFile settled without reading "${filename}" to the end`));
  }, fail);
  return { inspector, upload };
}

/** busboy's messages ("Unexpected end of form") read better inside ours. */
export function lowerFirst(message: string): string {
  return message.charAt(0).toLowerCase() + message.slice(1);
}
