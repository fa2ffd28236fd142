import sharp from 'sharp';
import type { RawImage } from './raw-image.js';

const COLS = 9;
const ROWS = 8;
const CELL = 8; // each of the 9×8 cells averages an 8×8 block of a 72×64 downscale

/**
 * dHash (difference hash), 64 bits as 16 hex digits, of the image as displayed (already
 * auto-oriented): grey, squeezed to 9×8, and each bit says whether a cell is darker than its
 * right-hand neighbour. Compare hashes with `hammingDistance`.
 *
 * The 9×8 cells are box averages of a 72×64 downscale, kept in floating point, instead of a
 * direct 8-bit resize to 9×8: on low-contrast photos (fog, dusk) neighbouring cells differ by a
 * grey level or two, and the rounding of a direct resize flipped up to 7 bits between a photo and
 * its half-size JPEG copy (highway-signs-fog.jpg); averaging brings that to ≤ 4.
 */
export async function perceptualHash(image: RawImage): Promise<string> {
  const small = await sharp(image.data, { raw: image.info })
    .greyscale()
    .resize(COLS * CELL, ROWS * CELL, { fit: 'fill' })
    .extractChannel(0)
    .raw()
    .toBuffer();
  const cells = new Float64Array(COLS * ROWS);
  for (let y = 0; y < ROWS * CELL; y++) {
    for (let x = 0; x < COLS * CELL; x++) {
      const cell = Math.floor(y / CELL) * COLS + Math.floor(x / CELL);
      cells[cell] = (cells[cell] ?? 0) + (small[y * COLS * CELL + x] ?? 0);
    }
  }
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
