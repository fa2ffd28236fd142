import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeVideo } from './analyze-video.js';
import { videoTestOptions } from '../../test/support/video-test-options.js';
import { fixturePath } from '../../test/support/fixtures.js';
import { VideoRejected, VideoToolFailed } from './errors.js';
import { runTool } from './run-tool.js';
import { childProcesses } from '../../test/support/child-processes.js';
import { truncated as cut } from '../../test/support/bad-media.js';
import type { AnalyzeVideoOptions } from './types.js';

const options = videoTestOptions;
const tools = options.tools;

let dir: string;
let inputs: string[];
/** Bad inputs are made here from the fixtures; nothing else may appear in this folder. */
function input(name: string, bytes: Buffer | string): string {
  writeFileSync(join(dir, name), bytes);
  inputs.push(name);
  return join(dir, name);
}
const truncated = (name: string, fraction: number) => input(`cut-${name}`, cut(readFileSync(fixturePath(name)), fraction));
const rejection = (path: string, overrides: Partial<AnalyzeVideoOptions> = {}) =>
  analyzeVideo(path, { ...options, ...overrides }).catch((e: unknown) => e);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-video-bad-'));
  inputs = [];
});
afterAll(() => {
  // No partial output: analyzeVideo writes no files at all, here or anywhere.
  expect(readdirSync(dir).sort()).toEqual([...inputs].sort());
  rmSync(dir, { recursive: true, force: true });
});

describe('analyzeVideo refuses', () => {
  it('an MP4 cut at 30% whose index (moov, at the end) never came, as corrupt', async () => {
    const error = await rejection(truncated('highway-dashcam-720p.mp4', 0.3));
    expect(error).toBeInstanceOf(VideoRejected);
    expect(error).toMatchObject({
      code: 'corrupt',
      retryable: false,
      message: 'MP4/MOV file is damaged or truncated: moov atom not found',
    });
  });

  it('an MP4 cut at 30% whose index survived (moov first), though ffprobe reports the full 17 s', async () => {
    const error = await rejection(truncated('selfie-cyclists-rotate-90.mp4', 0.3));
    expect(error).toBeInstanceOf(VideoRejected);
    expect(error).toMatchObject({ code: 'corrupt' });
    expect((error as Error).message).toMatch(
      /^the file is truncated or damaged: only 4\.\d+ s of the 17\.1 s its container claims could be read \(.+\)$/,
    );
  });

  it('a Matroska file cut at 30%, as corrupt', async () => {
    const error = await rejection(truncated('marathon-crowd.mkv', 0.3));
    expect(error).toMatchObject({
      code: 'corrupt',
      message: expect.stringMatching(/^the file is truncated or damaged: only 1\.\d+ s of the 5\.13 s/),
    });
  });

  it('an MP4 whose index is intact but whose frames are noise, as corrupt', async () => {
    const bytes = readFileSync(fixturePath('tears-of-steel-cuts.mp4'));
    // Its mdat box runs from byte 40 to the moov box at 756,960 (the 8-byte box header stays).
    for (let i = 48, x = 1; i < 756_960; i++) bytes[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    const error = await rejection(input('noise.mp4', bytes));
    expect(error).toMatchObject({ code: 'corrupt', message: expect.stringMatching(/^the h264 video is damaged: .+/) });
  });

  it('a text file named .mp4 as unsupported-format (ffprobe fails on it as on a truncated MP4)', async () => {
    const error = await rejection(input('notes.mp4', 'Notes from the press conference, not a video.\n'));
    expect(error).toMatchObject({ code: 'unsupported-format', message: 'not a recognised video format' });
  });

  it('a JPEG named .mp4 as unsupported-format: not an accepted container', async () => {
    copyFileSync(fixturePath('police-cars.jpg'), join(dir, 'photo.mp4'));
    inputs.push('photo.mp4');
    const error = await rejection(join(dir, 'photo.mp4'));
    expect(error).toMatchObject({
      code: 'unsupported-format',
      message: 'jpeg is not an accepted video container (MP4/MOV, Matroska/WebM, AVI, MPEG-TS)',
    });
  });

  it('a zero-length file as empty', async () => {
    expect(await rejection(input('empty.mp4', Buffer.alloc(0)))).toMatchObject({ code: 'empty', message: 'the file is empty (0 bytes)' });
  });

  it('an audio-only file as no-video-stream', async () => {
    const audio = join(dir, 'tone.m4a');
    inputs.push('tone.m4a');
    const made = await runTool(tools.ffmpegPath, ['-v', 'error', '-f', 'lavfi', '-i', 'sine=duration=1', '-c:a', 'aac', audio], {
      timeoutMs: 20_000,
    });
    expect(made.exitCode).toBe(0);
    expect(await rejection(audio)).toMatchObject({ code: 'no-video-stream', message: 'the file has audio but no video stream' });
  });

  it('a clip over the duration limit, before decoding', async () => {
    const error = await rejection(fixturePath('selfie-cyclists-rotate-90.mp4'), { maxDurationSeconds: 10 });
    expect(error).toMatchObject({ code: 'too-long', message: 'video is 17.1 s long, over the 10 s limit' });
  });

  it('a frame size over the pixel limit, before decoding', async () => {
    const error = await rejection(fixturePath('countdown-speech-1080p.avi'), { maxPixels: 1_000_000 });
    expect(error).toMatchObject({
      code: 'pixel-limit',
      message: 'video is 1920×1080 = 2.1 megapixels a frame, over the 1 megapixel limit',
    });
  });
});

describe('analyzeVideo options', () => {
  it('must be sane before anything runs', async () => {
    const video = fixturePath('event-people-vp8-opus.webm');
    await expect(analyzeVideo(video, { ...options, maxKeyframes: 0 })).rejects.toThrow(RangeError);
    await expect(analyzeVideo(video, { ...options, sceneThreshold: Number.NaN })).rejects.toThrow(
      'sceneThreshold must be between 0 and 1, not NaN',
    );
  });
});

describe('analyzeVideo stops ffmpeg', () => {
  // The selfie decodes frame by frame for most of a second: long enough to be interrupted.
  it('on abort, rejecting with the signal’s reason and leaving no process behind', async () => {
    const controller = new AbortController();
    const pending = analyzeVideo(fixturePath('selfie-cyclists-rotate-90.mp4'), { ...options, signal: controller.signal }).catch(
      (e: unknown) => e,
    );
    setTimeout(() => controller.abort(), 150);
    expect(await pending).toMatchObject({ name: 'AbortError' });
    expect(childProcesses()).toEqual([]);
  });

  it('over the time limit, as a retryable tool failure', async () => {
    const error = await rejection(fixturePath('selfie-cyclists-rotate-90.mp4'), { commandTimeoutMs: 100 });
    expect(error).toBeInstanceOf(VideoToolFailed);
    expect(error).toMatchObject({ retryable: true, message: expect.stringMatching(/^ff(mpeg|probe) did not finish within 0\.1 s$/) });
    expect(childProcesses()).toEqual([]);
  });
});
