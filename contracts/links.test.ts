import { describe, expect, it } from 'vitest';
import { fileLinksOf, submissionLinksOf } from './links.js';
import { manualAnalysis, type WorkerAnalysis } from './file-analysis.js';

const base = 'https://desk.example.net/';
const video = { source: 'worker', mediaType: 'video', keyframeCount: 3 } as WorkerAnalysis;
const photo = { source: 'worker', mediaType: 'photo' } as WorkerAnalysis;

describe('the links of a summary', () => {
  it('point at the asset endpoints under the public URL', () => {
    expect(submissionLinksOf(base, 's1')).toEqual({ submission: 'https://desk.example.net/api/submissions/s1' });
    expect(fileLinksOf(base, 's1', 'f1', { analysis: photo, originalKept: true })).toEqual({
      original: 'https://desk.example.net/api/submissions/s1/files/f1/original',
      analysis: 'https://desk.example.net/api/submissions/s1/files/f1/analysis',
      thumbnail320: 'https://desk.example.net/api/submissions/s1/files/f1/thumbnail-320',
      thumbnail1280: 'https://desk.example.net/api/submissions/s1/files/f1/thumbnail-1280',
    });
  });

  it("give a video's poster, contact sheet and each keyframe, numbered from 0 in time order", () => {
    const links = fileLinksOf('http://127.0.0.1:7071', 's1', 'f2', { analysis: video, originalKept: true });
    expect(Object.keys(links)).toEqual(['original', 'analysis', 'poster', 'contactSheet', 'keyframes']);
    expect(links.contactSheet).toBe('http://127.0.0.1:7071/api/submissions/s1/files/f2/contact-sheet');
    expect(links.keyframes).toEqual([0, 1, 2].map((n) => `http://127.0.0.1:7071/api/submissions/s1/files/f2/keyframe-${n}`));
  });

  it('give only the original where no worker wrote derived files, and nothing once the original is gone', () => {
    const original = { original: 'http://h/api/submissions/s1/files/f1/original' };
    expect(fileLinksOf('http://h', 's1', 'f1', { analysis: manualAnalysis.parse({}), originalKept: true })).toEqual(original);
    expect(fileLinksOf('http://h', 's1', 'f1', { analysis: null, originalKept: true })).toEqual(original);
    expect(fileLinksOf('http://h', 's1', 'f1', { analysis: null, originalKept: false })).toEqual({});
  });
});
