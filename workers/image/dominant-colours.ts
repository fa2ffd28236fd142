import type { RawImage } from './raw-image.js';

const MAX_COLOURS = 5;
const MIN_COLOURS = 3;

/** 4 bits per channel: 4,096 histogram buckets. */
const BUCKETS = 1 << 12;

/**
 * The 3–5 most common colours as "#rrggbb", most common first. Pixels are grouped in a 4-bit-per-channel
 * histogram; a colour is only picked if it is visibly different from those picked before, so a photo
 * that is mostly sky does not answer five blues. Fewer than 3 only when the image has fewer distinct
 * colours (a flat fill). Transparent pixels do not count.
 */
export async function dominantColours(image: RawImage): Promise<string[]> {
  // Every pixel of the small image we are given (the 320 px thumbnail's, ~100,000 at most), in typed arrays: a Map
  // of bucket objects cost as much as shrinking the photo did. Ties keep the order in which buckets were first seen.
  const { data, info } = image;
  const count = new Uint32Array(BUCKETS);
  const sum = new Float64Array(BUCKETS * 3);
  const seen: number[] = [];
  for (let i = 0; i < data.length; i += info.channels) {
    if (info.channels === 4 && (data[i + 3] ?? 0) < 128) continue;
    const r = data[i] ?? 0;
    const g = data[i + 1] ?? 0;
    const b = data[i + 2] ?? 0;
    const key = ((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4);
    const n = count[key] ?? 0;
    if (n === 0) seen.push(key);
    count[key] = n + 1;
    sum[key * 3] = (sum[key * 3] ?? 0) + r;
    sum[key * 3 + 1] = (sum[key * 3 + 1] ?? 0) + g;
    sum[key * 3 + 2] = (sum[key * 3 + 2] ?? 0) + b;
  }
  const ranked = seen
    .map((key, first) => ({ key, first, n: count[key] ?? 0 }))
    .sort((x, y) => y.n - x.n || x.first - y.first)
    .map(({ key, n }) => [(sum[key * 3] ?? 0) / n, (sum[key * 3 + 1] ?? 0) / n, (sum[key * 3 + 2] ?? 0) / n] as const);

  // Relax the "visibly different" distance until at least MIN_COLOURS are found (or none are left).
  let picked: (readonly [number, number, number])[] = [];
  for (const minDistance of [64, 40, 24, 0]) {
    picked = [];
    for (const colour of ranked) {
      if (picked.length === MAX_COLOURS) break;
      if (picked.every((p) => distance(p, colour) > minDistance)) picked.push(colour);
    }
    if (picked.length >= MIN_COLOURS) break;
  }
  return picked.map(toHex);
}

function distance(a: readonly number[], b: readonly number[]): number {
  return Math.hypot((a[0] ?? 0) - (b[0] ?? 0), (a[1] ?? 0) - (b[1] ?? 0), (a[2] ?? 0) - (b[2] ?? 0));
}

function toHex(colour: readonly number[]): string {
  return `#${colour.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}
