import { describe, expect, it } from 'vitest';
import { mergeFrameLabels } from './merge-frames.js';
import { result } from '../../test/support/image-analysis-double/hand-made-result.js';

const frame = (timestampSeconds: number, parts: Parameters<typeof result>[0]) => ({ timestampSeconds, result: result(parts) });

describe('mergeFrameLabels', () => {
  it('makes one instance of consecutive keyframes, ending at the keyframe after the last one it was seen in', () => {
    const { labels } = mergeFrameLabels(
      [
        frame(0, { tags: [['outdoor', 0.9]] }),
        frame(1.5, { tags: [['outdoor', 0.95]] }),
        frame(3, { tags: [['car', 0.8]] }),
        frame(4.25, { tags: [['outdoor', 0.7]] }),
      ],
      6,
    );
    expect(labels).toEqual([
      {
        id: 1,
        name: 'outdoor',
        confidence: 0.95,
        instances: [
          { start: '0:00:00', end: '0:00:03', startSeconds: 0, endSeconds: 3, confidence: 0.95 },
          { start: '0:00:04.25', end: '0:00:06', startSeconds: 4.25, endSeconds: 6, confidence: 0.7 },
        ],
      },
      {
        id: 2,
        name: 'car',
        confidence: 0.8,
        instances: [{ start: '0:00:03', end: '0:00:04.25', startSeconds: 3, endSeconds: 4.25, confidence: 0.8 }],
      },
    ]);
  });

  it('takes labels from tags, object tags and people detection, one label per name with the best confidence', () => {
    const { labels } = mergeFrameLabels(
      [
        frame(0, {
          tags: [['Person', 0.7]],
          objects: [
            ['person', 0.9],
            ['bicycle', 0.6],
          ],
          people: [0.95, 0.3],
        }),
      ],
      2,
    );
    expect(labels.map((l) => [l.name, l.confidence])).toEqual([
      ['person', 0.95],
      ['bicycle', 0.6],
    ]);
  });

  it('leaves out detections below the thresholds, which can be set', () => {
    const frames = [frame(0, { tags: [['design', 0.4]], objects: [['kite', 0.45]], people: [0.5] })];
    expect(mergeFrameLabels(frames, 1).labels).toEqual([]);
    const low = mergeFrameLabels(frames, 1, { minTagConfidence: 0.3, minObjectConfidence: 0.3, minPersonConfidence: 0.3 });
    expect(low.labels.map((l) => l.name)).toEqual(['person', 'kite', 'design']);
  });

  it('ends the last keyframe at the video duration, or at the keyframe itself if the duration is shorter', () => {
    expect(mergeFrameLabels([frame(8.5, { tags: [['robot', 0.9]] })], 10).labels[0]!.instances[0]).toMatchObject({
      start: '0:00:08.5',
      end: '0:00:10',
    });
    expect(mergeFrameLabels([frame(8.5, { tags: [['robot', 0.9]] })], 8).labels[0]!.instances[0]).toMatchObject({ end: '0:00:08.5' });
  });

  it('sorts keyframes by time, whatever order they come in', () => {
    const { labels } = mergeFrameLabels(
      [frame(2, { tags: [['dog', 0.9]] }), frame(0, { tags: [['dog', 0.8]] }), frame(1, { tags: [['dog', 0.85]] })],
      3,
    );
    expect(labels[0]!.instances).toEqual([{ start: '0:00:00', end: '0:00:03', startSeconds: 0, endSeconds: 3, confidence: 0.9 }]);
  });

  it('gives read lines as ocr entries with their own instances, whitespace collapsed, low confidence left out', () => {
    const { ocr, labels } = mergeFrameLabels(
      [
        frame(0, {
          lines: [
            ['POLICE', 0.98],
            ['ONE  WAY', 0.9],
          ],
        }),
        frame(2, {
          lines: [
            ['POLICE', 0.92],
            ['smudge', 0.2],
          ],
        }),
        frame(4, { lines: [['ONE WAY', 0.95]] }),
      ],
      5,
    );
    expect(labels).toEqual([]);
    expect(ocr).toEqual([
      {
        id: 1,
        text: 'POLICE',
        confidence: 0.98,
        instances: [expect.objectContaining({ start: '0:00:00', end: '0:00:04', confidence: 0.98 })],
      },
      {
        id: 2,
        text: 'ONE WAY',
        confidence: 0.95,
        instances: [
          expect.objectContaining({ start: '0:00:00', end: '0:00:02' }),
          expect.objectContaining({ start: '0:00:04', end: '0:00:05' }),
        ],
      },
    ]);
  });

  it('orders by first appearance, then confidence, and numbers from 1', () => {
    const { labels } = mergeFrameLabels(
      [
        frame(0, {
          tags: [
            ['sky', 0.7],
            ['road', 0.9],
          ],
        }),
        frame(1, { tags: [['car', 0.99]] }),
      ],
      2,
    );
    expect(labels.map((l) => [l.id, l.name])).toEqual([
      [1, 'road'],
      [2, 'sky'],
      [3, 'car'],
    ]);
  });

  it('gives nothing for no frames', () => {
    expect(mergeFrameLabels([], 10)).toEqual({ labels: [], ocr: [] });
  });
});
