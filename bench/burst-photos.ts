import sharp from 'sharp';
import { fixture, DECODABLE_PHOTOS } from '../test/support/fixtures.js';
import { seededRandom } from '../test/support/seeded-random.js';

export interface BurstPhoto {
  name: string;
  bytes: Buffer;
}

/** How many photos each of the 100 submissions carries: 1 to 4, 211 in all, as a photographer's bursts come in. */
export function burstPlan(submissions: number, photos: number, seed: number): number[] {
  const random = seededRandom(seed);
  const counts = Array.from({ length: submissions }, () => 1 + Math.floor(random() * 3));
  // Nudge random submissions up or down (within 1–4) until the total is exact.
  for (let total = counts.reduce((a, b) => a + b, 0); total !== photos;) {
    const i = Math.floor(random() * submissions);
    const step = total < photos ? 1 : -1;
    const next = counts[i]! + step;
    if (next < 1 || next > 4) continue;
    counts[i] = next;
    total += step;
  }
  return counts;
}

/** Long sides of a burst's frames: phone and camera JPEGs as they reach a desk, 0.3 to 6 MP. */
const LONG_SIDES = [640, 1024, 1600, 2048, 3000];

/**
 * Distinct small JPEGs made from the decodable fixtures (test/fixtures, the same files as ../shared/media): each a
 * slightly different crop of its source, as frames of a burst differ, at a long side from LONG_SIDES (never enlarged), metadata kept.
 */
export async function makeBurstPhotos(count: number, seed: number): Promise<BurstPhoto[]> {
  const random = seededRandom(seed);
  const sources = DECODABLE_PHOTOS.map((name) => ({ name, bytes: fixture(name) }));
  const photos: BurstPhoto[] = [];
  for (let i = 0; i < count; i++) {
    const source = sources[i % sources.length]!;
    const { width = 1, height = 1 } = await sharp(source.bytes).metadata();
    const keep = 0.85 + random() * 0.15;
    const w = Math.max(16, Math.round(width * keep));
    const h = Math.max(16, Math.round(height * keep));
    const left = Math.floor(random() * (width - w + 1));
    const top = Math.floor(random() * (height - h + 1));
    const side = LONG_SIDES[Math.floor(random() * LONG_SIDES.length)]!;
    const bytes = await sharp(source.bytes)
      .extract({ left, top, width: w, height: h })
      .resize(side, side, { fit: 'inside', withoutEnlargement: true })
      .keepMetadata()
      .jpeg({ quality: 85 })
      .toBuffer();
    photos.push({ name: `burst-${String(i).padStart(3, '0')}-${source.name.replace(/\.\w+$/, '')}.jpg`, bytes });
  }
  return photos;
}
