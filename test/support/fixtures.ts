import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './root.js';

/** The path of a real media file in test/fixtures/ (MANIFEST.md), for what reads files rather than bytes (ffmpeg, mail). */
export const fixturePath = (name: string): string => join(ROOT, 'test/fixtures', name);

/** The bytes of a real media file in test/fixtures/. */
export const fixture = (name: string): Buffer => readFileSync(fixturePath(name));

/**
 * Every photo of test/fixtures (the same files as ../shared/media) that this libvips decodes: all but
 * seashore-dusk-iphone7.heic (HEVC), which gets no perceptual hash and takes part in duplicates by SHA-256 only.
 */
export const DECODABLE_PHOTOS = [
  'astronaut-eileen-collins.png',
  'cat-chelsea.png',
  'runners-race.jpg',
  'police-cars.jpg',
  'highway-signs-fog.jpg',
  'squirrel-exif-iptc.jpg',
  'riot-police-bw.jpg',
  'dog-bicycle-truck.jpg',
] as const;
