import { describe, expect, it } from 'vitest';
import { detectGpu, parseHwaccels, resolveFfmpegTools } from './ffmpeg-tools.js';

describe('resolveFfmpegTools', () => {
  it('falls back to the npm static builds', () => {
    const tools = resolveFfmpegTools({});
    expect(tools.ffmpegPath).toMatch(/@ffmpeg-installer\/[^/]+\/ffmpeg$/);
    expect(tools.ffprobePath).toMatch(/@ffprobe-installer\/[^/]+\/ffprobe$/);
  });

  it('uses the configured paths, each on its own', () => {
    expect(resolveFfmpegTools({ ffmpegPath: '/usr/bin/ffmpeg', ffprobePath: '/usr/bin/ffprobe' })).toEqual({
      ffmpegPath: '/usr/bin/ffmpeg',
      ffprobePath: '/usr/bin/ffprobe',
    });
    expect(resolveFfmpegTools({ ffprobePath: '/opt/ffprobe' })).toMatchObject({ ffprobePath: '/opt/ffprobe' });
    // An empty setting (FFMPEG_PATH= in a .env file) means "not set".
    expect(resolveFfmpegTools({ ffmpegPath: '' }).ffmpegPath).toMatch(/@ffmpeg-installer/);
  });
});

describe('parseHwaccels', () => {
  it('reads the npm 2018 build, which has no CUDA', () => {
    expect(parseHwaccels('Hardware acceleration methods:\nvdpau\nvaapi\n\n')).toEqual(['vdpau', 'vaapi']);
  });

  it("reads Debian 5.1's list, which has", () => {
    const output = 'Hardware acceleration methods:\r\nvdpau\r\ncuda\r\nvaapi\r\nqsv\r\ndrm\r\nopencl\r\nvulkan\r\n';
    expect(parseHwaccels(output)).toEqual(['vdpau', 'cuda', 'vaapi', 'qsv', 'drm', 'opencl', 'vulkan']);
  });

  it('is empty for a build with none', () => {
    expect(parseHwaccels('Hardware acceleration methods:\n')).toEqual([]);
  });
});

describe('detectGpu', () => {
  it('is false with the npm ffmpeg, GPU or not: that build lists no cuda', async () => {
    expect(await detectGpu(resolveFfmpegTools({}))).toBe(false);
  });

  it('is false when ffmpeg cannot be run', async () => {
    expect(await detectGpu({ ffmpegPath: '/nonexistent/ffmpeg', ffprobePath: '/nonexistent/ffprobe' })).toBe(false);
  });
});
