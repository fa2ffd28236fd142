import { describe, expect, it } from 'vitest';
import { firstComplaint, lastOutTime } from './ffmpeg-log.js';

describe('lastOutTime', () => {
  it('reads the last out_time of -progress output', () => {
    const progress = 'frame=1\nout_time=00:00:01.000000\nprogress=continue\nframe=2\nout_time=01:02:04.971667\nprogress=end\n';
    expect(lastOutTime(progress)).toBeCloseTo(3724.971667, 6);
  });

  it('is 0 before the first packet (ffmpeg prints a negative time) and without progress', () => {
    expect(lastOutTime('out_time=-577014:32:22.775808\nprogress=end\n')).toBe(0);
    expect(lastOutTime('')).toBe(0);
  });
});

describe('firstComplaint', () => {
  it('drops the context prefix and the input path', () => {
    expect(firstComplaint('[mov,mp4,m4a,3gp,3g2,mj2 @ 0x2d7e1100] moov atom not found\nfile:/tmp/x.mp4: Invalid data found\n')).toBe(
      'moov atom not found',
    );
    expect(firstComplaint('\nfile:/tmp/a b.mp4: Invalid data found when processing input\n')).toBe(
      'Invalid data found when processing input',
    );
    expect(firstComplaint('')).toBe('');
  });
});
