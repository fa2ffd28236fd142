import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PayloadTooLargeError, UnsupportedMediaError } from './errors.js';
import { parseMultipart, type FilePart, type MultipartLimits } from './parse-multipart.js';
import { encode, pulledBody, drain } from '../../test/support/multipart.js';
import { fixture } from '../../test/support/fixtures.js';

const limits: MultipartLimits = { maxFileBytes: 5e6, maxFiles: 5, maxTotalBytes: 3e7, maxFields: 5, maxFieldBytes: 100, maxHeaderPairs: 4 };
const JPEG = fixture('runners-race.jpg');
const BIG = fixture('police-cars.jpg'); // 1.2 MB

// Every failure below must settle every promise it made: none may surface as unhandled.
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => void process.on('unhandledRejection', onUnhandled));
afterAll(async () => {
  await sleep(50);
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

describe('parseMultipart when something fails', () => {
  /** An onFile that reads each part, waits `commitMs[i]`, then returns or throws; it records what happens. */
  function tracked(commitMs: number[], throwAt?: number) {
    const log = { started: 0, settled: 0, events: [] as string[], streamErrors: [] as unknown[] };
    const onFile = async (part: FilePart) => {
      const n = ++log.started;
      try {
        if (n === throwAt) throw new Error(`upload ${n} failed`);
        await drain(part.stream).catch((e: unknown) => {
          log.streamErrors.push(e);
          throw e;
        });
        await sleep(commitMs[n - 1] ?? 0);
        return n;
      } finally {
        log.settled++;
        log.events.push(`settled ${n}`);
      }
    };
    return { log, onFile };
  }

  it('waits for every started onFile before rejecting with an onFile error', async () => {
    const { body, contentType } = await encode([
      ['a.jpg', JPEG],
      ['b.jpg', JPEG],
      ['c.jpg', JPEG],
    ]);
    const { log, onFile } = tracked([150], 2);
    const error = await parseMultipart(pulledBody(body).source, contentType, limits, onFile).catch((e: unknown) => {
      log.events.push('rejected');
      return e;
    });
    expect((error as Error).message).toBe('upload 2 failed');
    expect(log.started).toBe(2); // c never started: b's stream was not read, so the parser never got there
    expect(log.settled).toBe(log.started);
    expect(log.events).toEqual(['settled 2', 'settled 1', 'rejected']);
  });

  it('waits for a slow onFile before rejecting with a later part’s error', async () => {
    const { body, contentType } = await encode([
      ['a.jpg', JPEG],
      ['notes.jpg', 'just text'],
    ]);
    // The body stalls in the header of notes.jpg (a's stream has ended there) until a has been read.
    const split = body.indexOf('filename="notes.jpg"');
    let aRead!: () => void;
    const gate = new Promise<void>((resolve) => (aRead = resolve));
    const source = Readable.from(
      (async function* () {
        yield body.subarray(0, split);
        await gate;
        yield body.subarray(split);
      })(),
    );
    const { log, onFile } = tracked([150]);
    const onFileOpeningTheGate = async (part: FilePart) => {
      if (part.filename === 'a.jpg') part.stream.once('end', () => aRead());
      return onFile(part);
    };
    const error = await parseMultipart(source, contentType, limits, onFileOpeningTheGate).catch((e: unknown) => {
      log.events.push('rejected');
      return e;
    });
    expect(error).toBeInstanceOf(UnsupportedMediaError);
    expect(log.settled).toBe(log.started);
    expect(log.events).toEqual(['settled 2', 'settled 1', 'rejected']);
  });

  it('cuts off the stream onFile is reading, and still rejects with the first error', async () => {
    const { body, contentType } = await encode([['big.jpg', BIG]]);
    const { log, onFile } = tracked([]);
    const slowOnFile = async (part: FilePart) => {
      part.stream.on('data', () => part.stream.pause() && setTimeout(() => part.stream.resume(), 1));
      return onFile(part);
    };
    const error = await parseMultipart(pulledBody(body).source, contentType, { ...limits, maxTotalBytes: 300_000 }, slowOnFile).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect(log).toMatchObject({ started: 1, settled: 1 });
    expect(log.streamErrors).toEqual([error]); // onFile saw why its stream ended
  });

  it('turns an onFile that throws synchronously into the rejection', async () => {
    const { body, contentType } = await encode([['a.jpg', JPEG]]);
    const onFile = ((): Promise<never> => {
      throw new Error('not even a promise');
    }) as (part: FilePart) => Promise<never>;
    await expect(parseMultipart(pulledBody(body).source, contentType, limits, onFile)).rejects.toThrow('not even a promise');
  });

  it('drops the unread rest of a file whose onFile returned early, and goes on', async () => {
    const { body, contentType } = await encode([
      ['a.jpg', BIG],
      ['b.jpg', JPEG],
    ]);
    const { files } = await parseMultipart(pulledBody(body).source, contentType, limits, async (part) => part.filename);
    expect(files).toEqual(['a.jpg', 'b.jpg']);
  });

  it('rejects when onFile destroyed its stream and returned as if it were done', async () => {
    const { body, contentType } = await encode([['a.jpg', BIG]]);
    const onFile = async (part: FilePart) => void part.stream.destroy();
    await expect(parseMultipart(pulledBody(body).source, contentType, limits, onFile)).rejects.toThrow(
      /without reading "a.jpg" to the end/,
    );
  });
});
