import { describe, expect, it } from 'vitest';
import { summarizeImage } from './summarize-image.js';
import { result } from '../../test/support/image-analysis-double/hand-made-result.js';

describe('summarizeImage', () => {
  it('gives caption, best tags, objects by count, people, text lines and topics', () => {
    const summary = summarizeImage(
      result({
        caption: 'police officers with shields on a street',
        tags: [
          ['street', 0.8],
          ['person', 0.99],
          ['outdoor', 0.9],
          ['design', 0.4],
        ],
        objects: [
          ['person', 0.9],
          ['car', 0.7],
          ['person', 0.8],
          ['kite', 0.2],
        ],
        people: [0.95, 0.9, 0.61, 0.01],
        lines: [
          ['POLICE', 0.97],
          ['ONE WAY', 0.9],
          ['POLICE', 0.95],
          ['x7', 0.1],
        ],
        topics: [
          ['medtop:16000000', 'conflict, war and peace', 0.6],
          ['medtop:02000000', 'crime, law and justice', 0.9],
        ],
      }),
    );
    expect(summary).toEqual({
      caption: 'police officers with shields on a street',
      tags: ['person', 'outdoor', 'street'],
      objects: [
        { name: 'person', count: 2 },
        { name: 'car', count: 1 },
      ],
      people: 3,
      text: ['POLICE', 'ONE WAY'],
      safety: null,
    });
  });

  it("reads Newsdesk's safety verdict, without the model's raw classes, and only in its known shape", () => {
    const scores = { Porn: 0.01, Sexy: 0.6, Neutral: 0.39 };
    const safe = { ...result({}), newsdesk: { contentSafety: { verdict: 'suggestive', adultScore: 0.01, racyScore: 0.6, scores } } };
    expect(summarizeImage(safe).safety).toEqual({ verdict: 'suggestive', adultScore: 0.01, racyScore: 0.6 });
    expect(summarizeImage({ ...result({}), newsdesk: { contentSafety: { verdict: 'maybe' } } }).safety).toBeNull();
  });

  it('keeps to maxTags and leaves out what the result does not have', () => {
    const tags: [string, number][] = Array.from({ length: 15 }, (_, i) => [`tag${i}`, 0.99 - i / 100]);
    const summary = summarizeImage(
      { ...result({ tags }), objectsResult: undefined, peopleResult: undefined, readResult: undefined },
      { maxTags: 3 },
    );
    expect(summary).toEqual({ caption: null, tags: ['tag0', 'tag1', 'tag2'], objects: [], people: 0, text: [], safety: null });
  });
});
