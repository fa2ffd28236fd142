import { describe, expect, it } from 'vitest';
import { keyframeArgs, keyframeFilter } from './keyframe-args.js';

const command = {
  filePath: '/data/clip.mp4',
  videoStreamIndex: 1,
  scan: 'all-frames',
  hwaccel: 'none',
  sceneThreshold: 0.3,
  coverageSeconds: 0,
} as const;

describe('keyframeArgs', () => {
  it('decodes on the GPU with -hwaccel cuda before the input, and nothing else changes', () => {
    const cpu = keyframeArgs(command);
    const gpu = keyframeArgs({ ...command, hwaccel: 'cuda' });
    const hw = gpu.indexOf('-hwaccel');
    expect(gpu[hw + 1]).toBe('cuda');
    expect(hw).toBeLessThan(gpu.indexOf('-i'));
    // Frames come back to system memory: no -hwaccel_output_format, the filters are the CPU ones.
    expect(gpu).not.toContain('-hwaccel_output_format');
    expect(gpu.filter((_, i) => i !== hw && i !== hw + 1)).toEqual(cpu);
    expect(cpu).not.toContain('-hwaccel');
  });

  it('skips non-key frames, before the input, only when scanning keyframes', () => {
    expect(keyframeArgs(command)).not.toContain('-skip_frame');
    const args = keyframeArgs({ ...command, scan: 'keyframes-only' });
    expect(args[args.indexOf('-skip_frame') + 1]).toBe('nokey');
    expect(args.indexOf('-skip_frame')).toBeLessThan(args.indexOf('-i'));
  });

  it('reads only the chosen stream, from a file path ffmpeg cannot take for an option or a URL', () => {
    const args = keyframeArgs({ ...command, filePath: '-rf http:x.mp4' });
    expect(args[args.indexOf('-i') + 1]).toBe('file:-rf http:x.mp4');
    expect(args.filter((arg) => arg === '0:1')).toHaveLength(2);
    expect(args[args.indexOf('-protocol_whitelist') + 1]).toBe('file');
  });

  it('writes JPEGs to stdout and copies the packets to the null muxer', () => {
    const args = keyframeArgs(command).join(' ');
    expect(args).toContain('-r 1000 -c:v mjpeg -q:v 3 -f image2pipe pipe:1');
    expect(args).toMatch(/-c copy -f null -$/);
    expect(args).toContain('-progress pipe:4');
  });
});

describe('keyframeFilter', () => {
  it('selects frame 0 and scene changes, prints their scores, then scales', () => {
    expect(keyframeFilter(0.3, 'all-frames')).toBe(
      "select='eq(n,0)+gt(scene,0.3)',metadata=mode=print:key=lavfi.scene_score:file='pipe\\:3'," +
        "scale=w='if(gte(iw,ih),min(1280,iw),-2)':h='if(gte(iw,ih),-2,min(1280,ih))',settb=1/1000,setpts=N",
    );
  });

  it('passes each keyframe twice in keyframes-only scans', () => {
    expect(keyframeFilter(0.4, 'keyframes-only')).toMatch(
      /^split\[frame\]\[copy\];\[frame\]\[copy\]interleave,select='eq\(n,0\)\+gt\(scene,0.4\)'/,
    );
  });

  it('also keeps a frame once the last kept one is coverageSeconds old', () => {
    expect(keyframeFilter(0.3, 'all-frames', 10)).toMatch(/^select='eq\(n,0\)\+gt\(scene,0.3\)\+gte\(t-prev_selected_t,10\)',/);
  });
});
