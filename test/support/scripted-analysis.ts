import type { WorkerAnalysis } from '../../contracts/file-analysis.js';
import type { MediaKind } from '../../contracts/media.js';

/**
 * The analysis a stand-in worker reports for a file it did not analyse: well-formed (it passes the published
 * schema, as a real worker's does), with a tag that says where it came from.
 */
export function scriptedAnalysis(mediaType: MediaKind): WorkerAnalysis {
  const content = {
    source: 'worker' as const,
    perceptualHash: '0123456789abcdef',
    classified: true,
    caption: null,
    tags: ['test'],
    objects: [],
    people: 0,
    text: [],
    topics: [],
    safety: null,
  };
  if (mediaType === 'photo') {
    return {
      ...content,
      mediaType,
      width: 640,
      height: 480,
      format: 'jpeg',
      capturedAt: null,
      byline: null,
      credit: null,
      copyright: null,
      description: null,
      headline: null,
      keywords: [],
      city: null,
      country: null,
      gps: null,
      camera: null,
    };
  }
  return {
    ...content,
    mediaType,
    durationSeconds: 2,
    container: 'mov,mp4,m4a,3gp,3g2,mj2',
    codecs: { video: 'h264', audio: null },
    stored: { width: 640, height: 360 },
    displayed: { width: 640, height: 360 },
    frameRate: 25,
    hasAudio: false,
    keyframeCount: 1,
    labels: [{ name: 'test', confidence: 0.9, ranges: [{ startSeconds: 0, endSeconds: 2 }] }],
    ocr: [],
  };
}
