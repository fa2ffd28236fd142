import sharp from 'sharp';
import { crc32 } from 'node:zlib';

/** A real 1×1 PNG whose IHDR claims another size (CRC fixed up, so decoders trust the header): a decompression bomb's header. */
export async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(
    await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } })
      .png()
      .toBuffer(),
  );
  // Signature (8) + length (4) + "IHDR" (4), then width and height; the CRC covers type + 13 data bytes.
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

/** The first `fraction` of a file, as an interrupted upload or copy leaves it. */
export const truncated = (bytes: Buffer, fraction: number): Buffer => bytes.subarray(0, Math.floor(bytes.length * fraction));
