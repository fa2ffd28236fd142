import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sniffContainer } from './sniff-container.js';

const head = (name: string) => readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url)).subarray(0, 512);

describe('sniffContainer', () => {
  it.each([
    ['highway-dashcam-720p.mp4', 'MP4/MOV'],
    ['marathon-crowd.mkv', 'Matroska/WebM'],
    ['event-people-vp8-opus.webm', 'Matroska/WebM'],
    ['countdown-speech-1080p.avi', 'AVI'],
    ['police-cars.jpg', null],
  ])('%s → %s', (name, expected) => {
    expect(sniffContainer(head(name))).toBe(expected);
  });

  it('knows MPEG-TS and M2TS packets, and not text', () => {
    // A sync byte at every packet start the head holds.
    const ts = Buffer.alloc(400);
    ts[0] = ts[188] = ts[376] = 0x47;
    expect(sniffContainer(ts)).toBe('MPEG-TS');
    const m2ts = Buffer.alloc(400);
    m2ts[4] = m2ts[196] = m2ts[388] = 0x47;
    expect(sniffContainer(m2ts)).toBe('MPEG-TS');
    expect(sniffContainer(Buffer.from('hello, this is not a video\n'))).toBeNull();
    expect(sniffContainer(Buffer.alloc(0))).toBeNull();
  });
});
