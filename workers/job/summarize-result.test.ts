import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Classifier } from '../../adapters/classifier/classifier.js';
import { analysisResult, type AnalysisResult } from '../../contracts/analysis-result.js';
import { imageAnalysisResult, IMAGE_ANALYSIS_FEATURES } from '../../contracts/classification.js';
import { workerAnalysis } from '../../contracts/file-analysis.js';
import { fixture, fixturePath } from '../../test/support/fixtures.js';
import { recordedResponse } from '../../test/support/image-analysis-double/recorded-response.js';
import { videoTestOptions } from '../../test/support/video-test-options.js';
import { analyzePhotoFile } from './analyze-photo-file.js';
import { analyzeVideoFile } from './analyze-video-file.js';
import type { MediaOutcome } from './media-outcome.js';
import { summarizeResult } from './summarize-result.js';

const features = IMAGE_ANALYSIS_FEATURES.filter((f) => f !== 'smartCrops');
const crime = { code: 'medtop:02000000', label: 'crime, law and justice', confidence: 0.7, evidence: ['text POLICE 0.80'] };

/**
 * Azure's recorded answer (test/support/image-analysis-double), sized to each image it is given, with Newsdesk's
 * extensions that call `n` (in keyframe order) adds: what the worker gets from a classifier, without a network.
 */
function recordedClassifier(extension: (n: number) => Record<string, unknown> = () => ({})): Classifier {
  let calls = 0;
  return {
    analyze: async (image, options) => {
      const n = calls++;
      const { width = 1, height = 1 } = await sharp(image).metadata();
      return imageAnalysisResult.parse({ ...recordedResponse(width, height, options.features), newsdesk: extension(n) });
    },
  };
}

/** The result the worker writes as analysis.json for this media outcome (process-job.ts), checked against the contract. */
function asResult(media: MediaOutcome, contentType: string): AnalysisResult {
  return analysisResult.parse({
    ...media.part,
    schemaVersion: 1,
    jobId: 's1.f1',
    submissionId: 's1',
    fileId: 'f1',
    contentType,
    topics: media.topics,
    timings: media.timings,
    worker: { id: 'test', hwaccel: 'none' },
  });
}

const photo = async (name: string, classifier?: Classifier) =>
  asResult(await analyzePhotoFile(fixture(name), { maxPixels: 100_000_000, classifier, features, prefix: 'results/s1/f1/' }), 'image/jpeg');
const video = async (name: string, classifier?: Classifier) =>
  asResult(await analyzeVideoFile(fixturePath(name), { ...videoTestOptions, classifier, features, prefix: 'results/s1/f1/' }), 'video/mp4');

describe('summarizeResult on what the worker really produced', () => {
  it("gives a photo's IPTC, EXIF and XMP as a desk reads them, with GPS in decimal degrees", async () => {
    const result = await photo('squirrel-exif-iptc.jpg');
    const summary = workerAnalysis.parse(summarizeResult(result));
    expect(summary).toEqual(summarizeResult(result));
    expect(summary).toMatchObject({
      source: 'worker',
      mediaType: 'photo',
      perceptualHash: result.perceptualHash,
      width: 1394,
      height: 930,
      format: 'jpeg',
      capturedAt: '2015-06-11T10:29:26',
      byline: 'Patrik',
      credit: null,
      copyright: null,
      description: 'Squirrel at berkely',
      headline: 'Squirrel at berkely',
      keywords: ['Alvin the Squirrel', 'Berkley', 'USA'],
      city: 'Berkeley',
      country: 'United States',
      camera: { make: 'Canon', model: 'Canon EOS 600D' },
      // No classifier: the content fields are empty, and say so.
      classified: false,
      caption: null,
      tags: [],
      people: null,
      topics: [],
      safety: null,
    });
    // 37°52'15.94"N 122°15'24.41"W, 90 m above sea level.
    expect(summary.mediaType === 'photo' && summary.gps).toEqual({
      lat: expect.closeTo(37.871094, 5),
      lon: expect.closeTo(-122.256781, 5),
      altitude: 90,
    });
  });

  it('gives what the classifier saw in a photo: caption, tags, objects, people, text, named topics and the safety verdict', async () => {
    const safety = { verdict: 'safe', adultScore: 0.01, racyScore: 0.02, scores: { Neutral: 0.97 } };
    const result = await photo(
      'police-cars.jpg',
      recordedClassifier(() => ({ topics: [crime], contentSafety: safety })),
    );
    const summary = workerAnalysis.parse(summarizeResult(result));
    expect(summary).toMatchObject({
      classified: true,
      caption: result.mediaType === 'photo' && result.classification?.captionResult?.text,
      people: 1,
      topics: [{ code: 'medtop:02000000', name: 'crime, law and justice', confidence: 0.7 }],
      safety: { verdict: 'safe', adultScore: 0.01, racyScore: 0.02 },
      gps: null,
      capturedAt: '2011-08-15T13:24:08',
    });
    expect(summary.tags.length).toBeGreaterThan(0);
    expect(summary.objects).toEqual(expect.arrayContaining([{ name: 'person', count: 1 }]));
    expect(summary.text.length).toBeGreaterThan(0);
  });

  it("gives a video's streams and its labels and text over time, keyframe by keyframe", async () => {
    // Newsdesk's extensions on every other keyframe: a topic, and a suggestive verdict on the second.
    const extension = (n: number) =>
      n % 2 === 0
        ? { topics: [crime], contentSafety: { verdict: n === 2 ? 'suggestive' : 'safe', adultScore: 0.1, racyScore: n === 2 ? 0.6 : 0.1 } }
        : {};
    const result = await video('tears-of-steel-cuts.mp4', recordedClassifier(extension));
    const summary = workerAnalysis.parse(summarizeResult(result));
    if (summary.mediaType !== 'video' || result.mediaType !== 'video') throw new Error('not a video');
    expect(summary).toMatchObject({
      perceptualHash: result.perceptualHash,
      container: 'mov,mp4,m4a,3gp,3g2,mj2',
      codecs: { video: 'h264', audio: null },
      stored: { width: 640, height: 360 },
      displayed: { width: 640, height: 360 },
      frameRate: 24,
      hasAudio: false,
      keyframeCount: result.keyframes.length,
      classified: true,
      people: 1,
      topics: [{ code: 'medtop:02000000', name: 'crime, law and justice', confidence: 0.7 }],
      safety: { verdict: 'suggestive', racyScore: 0.6 },
    });
    expect(summary.durationSeconds).toBeCloseTo(10, 1);
    expect(result.keyframes.length).toBeGreaterThan(2);
    // Each keyframe hashed for the duplicate index: different scenes, different hashes.
    expect(new Set(result.keyframes.map((k) => k.perceptualHash)).size).toBe(result.keyframes.length);
    // The recorded answer is the same for every keyframe: each label runs from the first keyframe to the end.
    expect(summary.labels.length).toBeGreaterThan(0);
    for (const label of summary.labels) expect(label.ranges).toEqual([{ startSeconds: 0, endSeconds: summary.durationSeconds }]);
    expect(summary.tags).toEqual(
      [...summary.labels]
        .sort((a, b) => b.confidence - a.confidence)
        .slice(0, 10)
        .map((l) => l.name),
    );
    expect(summary.ocr.map((o) => o.text)).toEqual(summary.text);
  });

  it("tells a rotated clip's stored size from its displayed one, and reads its audio", async () => {
    const summary = workerAnalysis.parse(summarizeResult(await video('selfie-cyclists-rotate-90.mp4')));
    expect(summary).toMatchObject({
      mediaType: 'video',
      stored: { width: 480, height: 640 },
      displayed: { width: 640, height: 480 },
      codecs: { video: 'h264', audio: 'aac' },
      hasAudio: true,
      classified: false,
      labels: [],
      ocr: [],
      people: null,
    });
    expect(summary.perceptualHash).toMatch(/^[0-9a-f]{16}$/);
  });
});
