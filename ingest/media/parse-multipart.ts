import { Readable } from 'node:stream';
import busboy from 'busboy';
import { discardBody } from '../../lib/streams/discard-body.js';
import { checkFilename } from './check-filename.js';
import { BadFilenameError, FieldTooLargeError, IntakeError, MalformedMultipartError, NoFilesError, NotMultipartError } from './errors.js';
import { PayloadTooLargeError, TooManyFieldsError, TooManyFilesError, UploadIdleTimeoutError } from './errors.js';
import type { Inspector } from './inspect-stream.js';
import { multipartBoundary } from './multipart-boundary.js';
import { createPartHeaderGuard, type PartHeaderGuard } from './part-header-guard.js';
import { lowerFirst, startFilePart, type FilePart } from './start-file-part.js';

export type { FilePart } from './start-file-part.js';

export interface MultipartLimits {
  maxFileBytes: number;
  maxFiles: number;
  /** The whole request body, multipart framing and fields included. */
  maxTotalBytes: number;
  maxFields: number;
  maxFieldBytes: number;
  /** Header lines of one part (a form part normally has two). */
  maxHeaderPairs: number;
  /** Bytes of one part's header block; 16 KiB by default and at most (busboy's own cap). */
  maxPartHeaderBytes?: number;
  /** How long the client may send nothing while we wait for its bytes; no limit when absent. */
  idleTimeoutMs?: number;
}

const BUSBOY_MAX_HEADER_BYTES = 16 * 1024;
/** A part that declares a media type but no file name is a file that lost its name, not a field. */
const MEDIA_TYPE = /^(image|video|audio)\//i;

/**
 * Streams a multipart/form-data body: each file part goes through an inspector to `onFile` as it
 * arrives (the body is sequential: the next part is parsed once onFile has read this one); fields
 * are collected. On the first failure (a limit, a bad part, an onFile that rejects) it stops
 * reading the body, cuts off the streams of files in flight, waits until every onFile it started
 * has settled, so the caller knows exactly which uploads exist, and then rejects with that first
 * error. onFile must read `part.stream` to the end or destroy it.
 *
 * `onField` checks each field as it arrives; its rejection fails the parse at once, and no onFile
 * starts before every field that came earlier has passed, so a bad field sent before the files
 * (as clients should send them) is answered before anything is stored.
 */
export async function parseMultipart<T>(
  body: Readable | AsyncIterable<Uint8Array>,
  contentTypeHeader: string | undefined,
  limits: MultipartLimits,
  onFile: (part: FilePart) => Promise<T>,
  onField?: (name: string, value: string) => Promise<unknown>,
): Promise<{ fields: Record<string, string>; files: T[] }> {
  const source = body instanceof Readable ? body : Readable.from(body);
  let bb: busboy.Busboy;
  let guard: PartHeaderGuard;
  try {
    const maxPartHeaderBytes = Math.min(limits.maxPartHeaderBytes ?? BUSBOY_MAX_HEADER_BYTES, BUSBOY_MAX_HEADER_BYTES);
    guard = createPartHeaderGuard(multipartBoundary(contentTypeHeader), { maxHeaderPairs: limits.maxHeaderPairs, maxPartHeaderBytes });
    bb = busboy({
      headers: { 'content-type': contentTypeHeader },
      preservePath: true, // see the client's path, to refuse it
      defParamCharset: 'utf8', // browsers and undici send file names as raw UTF-8
      // One over each limit: busboy reports a value that reaches its limit as cut.
      limits: { fileSize: limits.maxFileBytes + 1, files: limits.maxFiles, fields: limits.maxFields, fieldSize: limits.maxFieldBytes + 1 },
    });
  } catch (error) {
    // The client gets to read the answer rather than a reset connection; past what it was allowed anyway, it does not.
    discardBody(source, { bytes: limits.maxTotalBytes });
    throw error instanceof IntakeError ? error : new NotMultipartError(lowerFirst((error as Error).message));
  }

  return new Promise((resolve, reject) => {
    const fields = new Map<string, string>();
    const started: Promise<T>[] = [];
    const inspectors: Inspector[] = [];
    let partsSeen = 0;
    let received = 0;
    let failure: { error: unknown } | undefined;
    let settling = false;
    let fieldsChecked: Promise<unknown> = Promise.resolve();
    let checksRunning = 0;
    // Runs only while we wait for the client: not while we hold the body back (a slow store, a field check).
    let idle: NodeJS.Timeout | undefined;
    const waitForClient = () => {
      clearTimeout(idle);
      const ms = limits.idleTimeoutMs;
      if (ms !== undefined && !failure) idle = setTimeout(() => fail(new UploadIdleTimeoutError(ms)), ms);
    };

    const settle = () => {
      if (settling) return;
      settling = true;
      // A field check still running may yet fail the parse (fail runs first: it was attached first).
      const checked = fieldsChecked.catch(() => undefined);
      void Promise.allSettled(started).then(async (outcomes) => {
        await checked;
        if (failure) reject(failure.error);
        else if (outcomes.length === 0) reject(new NoFilesError());
        else resolve({ fields: Object.fromEntries(fields), files: outcomes.map((o) => (o as PromiseFulfilledResult<T>).value) });
      });
    };

    const fail = (error: unknown) => {
      if (failure) return;
      failure = { error };
      clearTimeout(idle);
      source.off('data', onData);
      // A client that stalls gets as long again to read the answer, and no longer.
      discardBody(source, { bytes: limits.maxTotalBytes - received, ms: limits.idleTimeoutMs });
      // Not now: we may be inside one of busboy's events, and it still uses its state after emitting.
      process.nextTick(() => bb.destroy());
      const reason = error instanceof Error ? error : new Error(String(error));
      for (const inspector of inspectors) if (!inspector.destroyed) inspector.destroy(reason);
      settle();
    };

    const onData = (chunk: Uint8Array | string) => {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      received += buf.length;
      waitForClient();
      if (received > limits.maxTotalBytes) return fail(new PayloadTooLargeError(limits.maxTotalBytes));
      const headerProblem = guard.push(buf);
      if (headerProblem) return fail(headerProblem);
      if (!bb.write(buf) && !failure) {
        clearTimeout(idle);
        source.pause();
      }
    };

    bb.on('file', (fieldName: string | undefined, file: Readable, { filename, mimeType }: busboy.FileInfo) => {
      partsSeen++;
      file.on('error', () => undefined); // busboy fails a skipped part's stream too when it is destroyed
      const problem = filename === undefined ? 'the file part has no filename' : checkFilename(filename);
      if (failure || problem !== undefined || filename === undefined || !fieldName) {
        file.resume(); // skip its bytes: busboy moves on only once they are read
        if (!failure)
          fail(problem !== undefined ? new BadFilenameError(problem, fieldName) : new MalformedMultipartError('a part has no name'));
        return;
      }
      const { inspector, upload } = startFilePart(
        { fieldName, filename, declaredType: mimeType, file },
        limits.maxFileBytes,
        checksRunning > 0 ? fieldsChecked : undefined,
        onFile,
        fail,
        () => !!failure,
      );
      inspectors.push(inspector);
      started.push(upload);
    });
    bb.on('field', (name: string | undefined, value: string, info: busboy.FieldInfo) => {
      partsSeen++;
      if (MEDIA_TYPE.test(info.mimeType)) return fail(new BadFilenameError('the file part has no filename', name));
      if (!name) return fail(new MalformedMultipartError('a part has no name'));
      if (info.valueTruncated) return fail(new FieldTooLargeError(name, limits.maxFieldBytes));
      fields.set(name, value); // a repeated name keeps its last value
      if (onField) {
        checksRunning++;
        const check = Promise.resolve().then(() => onField(name, value));
        check.then(() => checksRunning--, fail);
        fieldsChecked = Promise.all([fieldsChecked, check]);
      }
    });
    bb.on('filesLimit', () => fail(new TooManyFilesError(limits.maxFiles)));
    bb.on('fieldsLimit', () => fail(new TooManyFieldsError(limits.maxFields)));
    bb.on('error', (error) => fail(new MalformedMultipartError(lowerFirst(error instanceof Error ? error.message : String(error)))));
    bb.on('finish', () => {
      // busboy silently skips a part whose Content-Disposition it cannot read: the client meant it.
      const skipped = guard.parts() - partsSeen;
      if (skipped > 0) fail(new MalformedMultipartError(`${skipped} part(s) without a valid form-data Content-Disposition`));
      settle();
    });
    bb.on('drain', () => {
      if (failure) return;
      source.resume();
      if (!source.readableEnded) waitForClient();
    });

    source.on('data', onData);
    source.on('end', () => {
      clearTimeout(idle);
      if (!failure) bb.end();
    });
    source.on('error', (error) => fail(new MalformedMultipartError(`the body could not be read (${error.message})`)));
    source.resume();
    waitForClient();
  });
}
