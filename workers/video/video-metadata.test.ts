import { describe, expect, it } from 'vitest';
import { VideoRejected } from './errors.js';
import { rate, rotationOf, videoMetadata } from './video-metadata.js';
import type { ProbeOutput } from './video-metadata.js';

const format = { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '10.000000', size: '1000', bit_rate: '800' };
const h264 = { index: 0, codec_type: 'video', codec_name: 'h264', width: 1920, height: 1080, avg_frame_rate: '24/1' };

describe('rotationOf', () => {
  it.each([
    [{ side_data_list: [{ side_data_type: 'Display Matrix', rotation: -90 }] }, -90],
    [{ side_data_list: [{ side_data_type: 'Display Matrix', rotation: 90 }] }, 90],
    [{ side_data_list: [{ side_data_type: 'Display Matrix', rotation: 270 }] }, -90],
    [{ side_data_list: [{ side_data_type: 'Display Matrix', rotation: -180 }] }, 180],
    // The legacy tag counts clockwise: the same phone clip says 90 there.
    [{ tags: { rotate: '90' } }, -90],
    [{ tags: { rotate: '270' } }, 90],
    [{ tags: { rotate: '180' } }, 180],
    [{ tags: { rotate: 'nonsense' } }, 0],
    [{}, 0],
  ])('%j → %i', (stream, expected) => {
    expect(rotationOf(stream)).toBe(expected);
  });

  it('prefers the display matrix to the tag', () => {
    expect(rotationOf({ side_data_list: [{ rotation: -90 }], tags: { rotate: '180' } })).toBe(-90);
  });
});

describe('rate', () => {
  it.each([
    ['30000/1001', 29.97],
    ['24/1', 24],
    ['0/0', null],
    ['', null],
    [undefined, null],
  ])('%s → %s', (fraction, expected) => {
    const value = rate(fraction);
    if (expected === null) expect(value).toBeNull();
    else expect(value).toBeCloseTo(expected, 2);
  });
});

describe('videoMetadata', () => {
  it('skips cover art and finds audio that comes first', () => {
    const probe: ProbeOutput = {
      format,
      streams: [
        { index: 0, codec_type: 'audio', codec_name: 'mp3', sample_rate: '44100', channels: 2 },
        { index: 1, codec_type: 'video', codec_name: 'mjpeg', width: 600, height: 600, disposition: { attached_pic: 1 } },
        { ...h264, index: 2 },
      ],
    };
    const { metadata, videoStreamIndex, estimatedFrames } = videoMetadata(probe);
    expect(videoStreamIndex).toBe(2);
    expect(metadata.video).toMatchObject({ codec: 'h264', width: 1920, height: 1080, frameRate: 24, profile: null, pixelFormat: null });
    expect(metadata.audio).toEqual({ codec: 'mp3', sampleRate: 44100, channels: 2 });
    expect(estimatedFrames).toBe(240);
  });

  it('swaps the display size of a sideways clip', () => {
    const portrait = { ...h264, width: 480, height: 640, side_data_list: [{ rotation: -90 }] };
    expect(videoMetadata({ format, streams: [portrait] }).metadata.video).toMatchObject({
      displayWidth: 640,
      displayHeight: 480,
      rotation: -90,
    });
  });

  it('rejects a file with only audio, or only cover art', () => {
    const audio = { index: 0, codec_type: 'audio', codec_name: 'aac' };
    const cover = { index: 1, codec_type: 'video', codec_name: 'png', width: 10, height: 10, disposition: { attached_pic: 1 } };
    const error = (() => {
      try {
        return videoMetadata({ format, streams: [audio, cover] });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(VideoRejected);
    expect(error).toMatchObject({ code: 'no-video-stream', message: 'the file has audio but no video stream' });
  });

  it('rejects a video whose duration nobody knows', () => {
    expect(() => videoMetadata({ format: { format_name: 'mpegts' }, streams: [h264] })).toThrow(
      'the container does not say how long the video is',
    );
  });
});
