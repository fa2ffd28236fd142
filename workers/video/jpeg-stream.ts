const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const TEM = 0x01;
const isRestart = (marker: number) => marker >= 0xd0 && marker <= 0xd7;

/**
 * Splits ffmpeg's image2pipe MJPEG output into whole JPEG files. It walks the marker segments by
 * their lengths rather than searching for FF D9: header segments may contain any bytes; only inside
 * entropy-coded data is 0xFF always followed by a stuffed 0x00 or a restart marker. Resumes where it
 * stopped when a chunk ends mid-image.
 */
export class JpegStream {
  private buffer: Buffer = Buffer.alloc(0);
  /** Next byte to examine in the image at the start of `buffer`. */
  private pos = 2;
  /** Inside entropy-coded data (after a start-of-scan header). */
  private inScan = false;

  /** Bytes of an unfinished image; non-zero when the stream has ended means it was cut off. */
  get pendingBytes(): number {
    return this.buffer.length;
  }

  /** The images completed by this chunk (copies, so they do not pin the stream's buffers). */
  push(chunk: Buffer): Buffer[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const images: Buffer[] = [];
    for (let image = this.next(); image; image = this.next()) images.push(image);
    return images;
  }

  private next(): Buffer | null {
    const b = this.buffer;
    if (b.length < 2) return null;
    if (b[0] !== 0xff || b[1] !== SOI) throw new Error('MJPEG stream out of step: an image does not start with SOI');
    let pos = this.pos;
    for (;;) {
      if (this.inScan) {
        const marker = nextMarker(b, pos);
        if (marker < 0) {
          // Keep a trailing 0xFF: its second byte is still to come.
          this.pos = b[b.length - 1] === 0xff ? b.length - 1 : b.length;
          return null;
        }
        pos = marker;
        this.inScan = false;
      }
      if (pos + 2 > b.length) return this.wait(pos);
      if (b[pos] !== 0xff) throw new Error(`MJPEG stream out of step: no marker at byte ${pos} of an image`);
      const marker = b[pos + 1] ?? 0;
      if (marker === 0xff) {
        pos += 1; // fill byte
      } else if (marker === EOI) {
        const image = Buffer.from(b.subarray(0, pos + 2));
        this.buffer = b.subarray(pos + 2);
        this.pos = 2;
        return image;
      } else if (marker === TEM || isRestart(marker)) {
        pos += 2;
      } else {
        if (pos + 4 > b.length) return this.wait(pos);
        const end = pos + 2 + b.readUInt16BE(pos + 2);
        if (end > b.length) return this.wait(pos);
        pos = end;
        if (marker === SOS) this.inScan = true;
      }
    }
  }

  private wait(pos: number): null {
    this.pos = pos;
    return null;
  }
}

/** Index of the first 0xFF in entropy-coded data that begins a marker (not stuffing, not a restart), or -1. */
function nextMarker(b: Buffer, from: number): number {
  for (let i = b.indexOf(0xff, from); i !== -1 && i + 1 < b.length; i = b.indexOf(0xff, i + 1)) {
    const following = b[i + 1] ?? 0;
    if (following !== 0x00 && !isRestart(following) && following !== 0xff) return i;
  }
  return -1;
}
