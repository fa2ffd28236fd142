import { describe, expect, it } from 'vitest';
import { FrameRecordReader } from './frame-records.js';

describe('FrameRecordReader', () => {
  it('pairs each frame line with its score, across chunk boundaries', () => {
    const text =
      'frame:0    pts:0       pts_time:0\nlavfi.scene_score=0.000000\nframe:1    pts:93696   pts_time:7.625\nlavfi.scene_score=0.683429\n';
    const reader = new FrameRecordReader();
    for (let i = 0; i < text.length; i += 5) reader.push(Buffer.from(text.slice(i, i + 5)));
    reader.end();
    expect(reader.records).toEqual([
      { ptsTime: 0, sceneScore: 0 },
      { ptsTime: 7.625, sceneScore: 0.683429 },
    ]);
  });

  it('keeps a frame that came without a score, and one without a timestamp', () => {
    const reader = new FrameRecordReader();
    reader.push(Buffer.from('frame:0 pts:0 pts_time:0.5\nframe:1 pts:NOPTS pts_time:NOPTS\nlavfi.scene_score=0.9'));
    reader.end();
    expect(reader.records).toEqual([
      { ptsTime: 0.5, sceneScore: null },
      { ptsTime: NaN, sceneScore: 0.9 },
    ]);
  });
});
