import type { RawImage } from './raw-image.js';

const COLS = 9;
const ROWS = 8;

/**
 * dHash (difference hash), 64 bits as 16 hex digits, of the image as displayed (already
 * auto-oriented): grey, squeezed to 9×8, and each bit says whether a cell is darker than its
 * right-hand neighbour. Compare hashes with `hammingDistance`.
 *
 * The 9×8 cells are exact box averages of every pixel given (the 320 px thumbnail's), kept in
 * floating point, instead of a direct 8-bit resize to 9×8: on low-contrast photos (fog, dusk)
 * neighbouring cells differ by a grey level or two, and the rounding of a direct resize flipped up
 * to 7 bits between a photo and its half-size JPEG copy (highway-signs-fog.jpg).
 */
export async function perceptualHash(image: RawImage): Promise<string> {
  // Box averages in JavaScript over the (small) pixels we are given: a sharp pipeline per hash cost
  // more in set-up than the arithmetic does. Luma weights as Rec. 601, which is what grey means here.
  const { data, info } = image;
  const cells = new Float64Array(COLS * ROWS);
  const counts = new Float64Array(COLS * ROWS);
  for (let y = 0; y < info.height; y++) {
    const row = Math.min(ROWS - 1, Math.floor((y * ROWS) / info.height)) * COLS;
    for (let x = 0; x < info.width; x++) {
      const i = (y * info.width + x) * info.channels;
      const cell = row + Math.min(COLS - 1, Math.floor((x * COLS) / info.width));
      cells[cell] = (cells[cell] ?? 0) + 0.299 * (data[i] ?? 0) + 0.587 * (data[i + 1] ?? 0) + 0.114 * (data[i + 2] ?? 0);
      counts[cell] = (counts[cell] ?? 0) + 1;
    }
  }
  for (let c = 0; c < cells.length; c++) cells[c] = (cells[c] ?? 0) / Math.max(1, counts[c] ?? 0);
  let hex = '';
  for (let y = 0; y < ROWS; y++) {
    let byte = 0;
    for (let x = 0; x < COLS - 1; x++) {
      byte = (byte << 1) | ((cells[y * COLS + x] ?? 0) < (cells[y * COLS + x + 1] ?? 0) ? 1 : 0);
    }
    hex += byte.toString(16).padStart(2, '0');
  }
  return hex;
}
