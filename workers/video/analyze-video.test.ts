import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeVideo } from './analyze-video.js';
import { videoTestOptions } from '../../test/support/video-test-options.js';
import { fixturePath } from '../../test/support/fixtures.js';
import { VideoToolFailed } from './errors.js';
import { makeTestClip } from '../../test/support/make-test-clip.js';
import type { VideoAnalysis } from './types.js';

const options = videoTestOptions;
const tools = options.tools;

/** Each fixture is analysed once and shared by the tests below. */
const cache = new Map<string, Promise<VideoAnalysis>>();
function analysed(name: string): Promise<VideoAnalysis> {
  const analysis = cache.get(name) ?? analyzeVideo(fixturePath(name), options);
  cache.set(name, analysis);
  return analysis;
}

const VIDEOS = [
  'highway-dashcam-720p.mp4',
  'tears-of-steel-cuts.mp4',
  'marathon-crowd.mkv',
  'event-people-vp8-opus.webm',
  'selfie-cyclists-rotate-90.mp4',
  'countdown-speech-1080p.avi',
];
const MP4 = 'mov,mp4,m4a,3gp,3g2,mj2';
const TEARS_CUTS = [0.88, 2.71, 7.71, 8.42, 8.5];
/** A video stream as the manifest lists it. */
const stream = (codec: string, profile: string, width: number, height: number, fps: number, pixelFormat = 'yuv420p') => ({
  codec,
  profile,
  width,
  height,
  pixelFormat,
  fps,
});

describe('analyzeVideo on the fixture videos', () => {
  // test/fixtures/MANIFEST.md (ffprobe 5.1). Durations within 0.05 s: the npm ffprobe (a 2023 build)
  // reads 5.005 s for the dashcam and 17.066 s for the selfie where the manifest, from the movie
  // header, says 5.05 and 17.09.
  it.each([
    ['highway-dashcam-720p.mp4', MP4, 5.05, stream('h264', 'High', 1280, 720, 29.97), ['aac', 44100, 2]],
    ['tears-of-steel-cuts.mp4', MP4, 10.0, stream('h264', 'High', 640, 360, 24), null],
    ['marathon-crowd.mkv', 'matroska,webm', 5.13, stream('h264', 'High', 960, 540, 29.97, 'yuvj420p'), ['pcm_s16le', 48000, 2]],
    ['event-people-vp8-opus.webm', 'matroska,webm', 1.04, stream('vp8', '0', 640, 480, 29.97), ['opus', 48000, 2]],
    ['selfie-cyclists-rotate-90.mp4', MP4, 17.09, stream('h264', 'High', 480, 640, 29.97), ['aac', 44100, 2]],
    ['countdown-speech-1080p.avi', 'avi', 5.08, stream('h264', 'High', 1920, 1080, 24), ['mp3', 44100, 2]],
  ] as const)('%s: %s, %f s, %j, audio %j', async (name, container, duration, video, audio) => {
    const result = await analysed(name);
    expect(result.container).toBe(container);
    expect(Math.abs(result.durationSeconds - duration)).toBeLessThanOrEqual(0.05);
    const { fps, ...reported } = video;
    expect(result.video).toMatchObject(reported);
    expect(result.video.frameRate).toBeCloseTo(fps, 2);
    expect(result.audio).toEqual(audio && { codec: audio[0], sampleRate: audio[1], channels: audio[2] });
    expect(result.sizeBytes).toBeGreaterThan(0);
    expect(result.bitRate).toBeGreaterThan(0);
  });

  it.each(VIDEOS)('%s: keyframes in time order within the duration, as JPEGs of at most 1280 px', async (name) => {
    const { keyframes, durationSeconds } = await analysed(name);
    expect(keyframes.length).toBeGreaterThanOrEqual(1);
    expect(keyframes.length).toBeLessThanOrEqual(options.maxKeyframes);
    expect(keyframes[0]?.sceneScore).toBeNull();
    keyframes.forEach((k, i) => {
      expect(k.timestampSeconds).toBeGreaterThanOrEqual(0);
      expect(k.timestampSeconds).toBeLessThanOrEqual(durationSeconds);
      if (i > 0) expect(k.timestampSeconds).toBeGreaterThan(keyframes[i - 1]?.timestampSeconds ?? Infinity);
      // Each later keyframe is a scene change, or comes at least the coverage interval (10 s) after the one before.
      const gap = k.timestampSeconds - (keyframes[i - 1]?.timestampSeconds ?? 0);
      if (i > 0 && gap < 10) expect(k.sceneScore).toBeGreaterThan(options.sceneThreshold);
      expect(Math.max(k.width, k.height)).toBeLessThanOrEqual(1280);
    });
    for (const k of keyframes) expect(await sharp(k.jpeg).metadata()).toMatchObject({ format: 'jpeg', width: k.width, height: k.height });
  });

  it.each(VIDEOS)('%s: poster and contact sheet are WebPs of the sizes reported', async (name) => {
    const { poster, contactSheet, keyframes } = await analysed(name);
    expect(await sharp(poster.webp).metadata()).toMatchObject({ format: 'webp', width: poster.width, height: poster.height });
    expect(await sharp(contactSheet.webp).metadata()).toMatchObject({
      format: 'webp',
      width: contactSheet.width,
      height: contactSheet.height,
    });
    expect(keyframes.map((k) => k.timestampSeconds)).toContain(poster.timestampSeconds);
    expect(contactSheet).toMatchObject({ columns: Math.min(4, keyframes.length), rows: Math.ceil(keyframes.length / 4) });
    expect(contactSheet.width).toBe(320 * contactSheet.columns);
  });

  it('Tears of Steel, decoded frame by frame, has a keyframe at each of its 5 cuts', async () => {
    const { keyframes, keyframeScan, poster } = await analysed('tears-of-steel-cuts.mp4');
    expect(keyframeScan).toBe('all-frames');
    // 0 (opening), 0.875, 2.708, 7.708, 8.417; the 8.50 cut is 2 frames after 8.42 and counts as the same change.
    expect(keyframes.map((k) => k.timestampSeconds)).toEqual([0, 0.875, 2.70833, 7.70833, 8.41667]);
    for (const cut of TEARS_CUTS) expect(keyframes.some((k) => Math.abs(k.timestampSeconds - cut) <= 0.1)).toBe(true);
    expect(poster.timestampSeconds).toBe(2.70833); // the first keyframe after 10% of the 10 s
  });

  it('Tears of Steel, keyframes only, sees only the cuts its encoder put keyframes on', async () => {
    // The stream has keyframes at 0, 2.708 and 7.708 s only (ffprobe -skip_frame nokey): the cuts at
    // 0.88, 8.42 and 8.50 s fall between them and cannot be seen without decoding the other frames.
    const { keyframes, keyframeScan } = await analyzeVideo(fixturePath('tears-of-steel-cuts.mp4'), { ...options, allFramesMaxPixels: 0 });
    expect(keyframeScan).toBe('keyframes-only');
    expect(keyframes.map((k) => k.timestampSeconds)).toEqual([0, 2.70833, 7.70833]);
  });

  it('bounds the keyframes, keeping the opening frame and the strongest spread over the clip', async () => {
    const { keyframes } = await analyzeVideo(fixturePath('tears-of-steel-cuts.mp4'), { ...options, maxKeyframes: 3 });
    expect(keyframes.map((k) => k.timestampSeconds)).toEqual([0, 2.70833, 7.70833]);
  });

  it('keeps images and frame times in step when nearly every frame is a candidate (AVI, time base 1/24)', async () => {
    const everything = { ...options, sceneThreshold: 0.0001, allFramesMaxPixels: Infinity };
    const { keyframes, keyframeScan } = await analyzeVideo(fixturePath('countdown-speech-1080p.avi'), everything);
    expect(keyframeScan).toBe('all-frames');
    // 122 candidates, thinned as they came; what is left keeps 0.5 s apart, so 10 or 11 in 5.08 s.
    expect(keyframes.length).toBeGreaterThanOrEqual(10);
    expect(keyframes.length).toBeLessThanOrEqual(11);
    keyframes.slice(1).forEach((k, i) => expect(k.timestampSeconds - (keyframes[i]?.timestampSeconds ?? 0)).toBeGreaterThanOrEqual(0.5));
    expect(keyframes.at(-1)?.timestampSeconds).toBeGreaterThan(4.5);
  });

  it('the selfie clip is stored 480×640 with a -90° display matrix and comes out 640×480 landscape', async () => {
    const { video, keyframes, poster, contactSheet } = await analysed('selfie-cyclists-rotate-90.mp4');
    expect(video).toMatchObject({ width: 480, height: 640, displayWidth: 640, displayHeight: 480, rotation: -90 });
    for (const k of keyframes) expect(k).toMatchObject({ width: 640, height: 480 });
    expect(poster).toMatchObject({ width: 640, height: 480 });
    // Two 320×240 tiles: the opening frame and the one the 10 s coverage adds to this 17 s single shot.
    expect(contactSheet).toMatchObject({ width: 640, height: 240, columns: 2, rows: 1 });
  });

  it('a long shot without a cut still gets a frame every 10 s, and only its scene changes with coverage off', async () => {
    const { keyframes } = await analysed('selfie-cyclists-rotate-90.mp4');
    expect(keyframes.map((k) => Math.round(k.timestampSeconds))).toEqual([0, 10]);
    const cutsOnly = await analyzeVideo(fixturePath('selfie-cyclists-rotate-90.mp4'), { ...options, coverageSeconds: 0 });
    expect(cutsOnly.keyframes.map((k) => k.timestampSeconds)).toEqual([0]);
  });

  it('1080p keyframes are scaled to 1280×720', async () => {
    const { keyframes, poster } = await analysed('countdown-speech-1080p.avi');
    expect(keyframes[0]).toMatchObject({ width: 1280, height: 720 });
    expect(poster).toMatchObject({ width: 1280, height: 720 });
  });

  it('asks for CUDA decoding with -hwaccel cuda; an ffmpeg built without it fails as a tool error, not a bad file', async () => {
    const error = await analyzeVideo(fixturePath('event-people-vp8-opus.webm'), { ...options, hwaccel: 'cuda' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VideoToolFailed);
    expect(error).toMatchObject({
      retryable: false,
      message: expect.stringMatching(/^CUDA decoding is not available \(Device creation failed/),
    });
  });
});

describe('analyzeVideo on a generated clip with cuts between keyframes', () => {
  let dir: string;
  let clip: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'newsdesk-video-'));
    clip = join(dir, 'four-scenes.mp4');
    // 10 s at 24 fps, a keyframe every 48 frames (0, 2, 4, 6, 8 s), cuts at 2.5, 5 and 7.5 s.
    await makeTestClip(clip, { ffmpegPath: tools.ffmpegPath, durationSeconds: 10, width: 320, height: 240, gopFrames: 48, scenes: 4 });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every frame decoded: the cuts where they are', async () => {
    const result = await analyzeVideo(clip, options);
    expect(result).toMatchObject({
      keyframeScan: 'all-frames',
      container: MP4,
      durationSeconds: 10,
      video: { codec: 'h264', frameRate: 24 },
    });
    expect(result.audio).toMatchObject({ codec: 'aac', channels: 2 });
    expect(result.keyframes.map((k) => k.timestampSeconds)).toEqual([0, 2.5, 5, 7.5]);
  });

  it('keyframes only: each cut at the next keyframe', async () => {
    const result = await analyzeVideo(clip, { ...options, allFramesMaxPixels: 0 });
    expect(result.keyframeScan).toBe('keyframes-only');
    expect(result.keyframes.map((k) => k.timestampSeconds)).toEqual([0, 4, 6, 8]);
  });
});
