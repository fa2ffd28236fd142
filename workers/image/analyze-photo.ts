import sharp from 'sharp';
import type { Metadata } from 'sharp';
import { dominantColours } from './dominant-colours.js';
import { PhotoRejected, pixelLimitExceeded } from './errors.js';
import { perceptualHash } from './perceptual-hash.js';
import { photoMetadata } from './photo-metadata.js';
import type { RawImage } from './raw-image.js';
import type { AnalyzePhotoOptions, PhotoAnalysis, PhotoThumbnail } from './types.js';

/** Photo containers we analyse. SVG, PDF and the like decode through other libraries and are not photos. */
const PHOTO_FORMATS = new Set(['jpeg', 'png', 'webp', 'tiff', 'gif', 'heif', 'jxl', 'jp2']);
const SLOTS = [320, 1280] as const;

/**
 * Dimensions, metadata, dominant colours, perceptual hash and WebP thumbnails of one photo.
 * Throws `PhotoRejected` (non-retryable) for images over `maxPixels`, damaged or truncated files,
 * and formats this build cannot decode (HEVC-coded HEIC with the prebuilt libvips).
 */
export async function analyzePhoto(input: Buffer, options: AnalyzePhotoOptions): Promise<PhotoAnalysis> {
  const header = await readHeader(input);
  const width = header.autoOrient?.width ?? header.width;
  const height = header.autoOrient?.height ?? header.height;
  // Checked on the header, before decoding: a 60,000² PNG is a few hundred bytes but 14 GB of pixels.
  if (width * height > options.maxPixels) throw pixelLimitExceeded(width, height, options.maxPixels);

  const [pixels, metadata] = await Promise.all([decode(input, header, options.maxPixels), photoMetadata(input)]);
  // The large thumbnail's encode is the stage's longest step after the decode (libwebp, one thread): it starts at
  // once, and the small thumbnail, colours and hash are made meanwhile. Colours and the hash look at a few thousand
  // pixels: taking them from the small thumbnail's pixels keeps them cheap.
  const large = encode(SLOTS[1], pixels);
  const fromSmall = shrink(pixels, SLOTS[0]).then((small) =>
    Promise.all([dominantColours(small), perceptualHash(small), encode(SLOTS[0], small)]),
  );
  const [[dominant, hash, smallThumbnail], largeThumbnail] = await Promise.all([fromSmall, large]);
  return {
    width,
    height,
    format: header.format,
    colourSpace: header.space ?? 'unknown',
    hasAlpha: header.hasAlpha ?? false,
    orientation: header.orientation !== undefined && header.orientation >= 1 && header.orientation <= 8 ? header.orientation : null,
    metadata,
    dominantColours: dominant,
    perceptualHash: hash,
    thumbnails: [smallThumbnail, largeThumbnail],
  };
}

type Header = Metadata & { format: string; width: number; height: number };

async function readHeader(input: Buffer): Promise<Header> {
  let header: Metadata;
  try {
    // No pixel limit here: we want the real size for the error message; metadata() decodes nothing.
    header = await sharp(input, { limitInputPixels: false }).metadata();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/unsupported image format/i.test(message)) {
      throw new PhotoRejected('unsupported-format', 'not a recognised image format', { cause: error });
    }
    throw new PhotoRejected('corrupt', `image header cannot be read: ${message}`, { cause: error });
  }
  const { format, width, height } = header;
  if (!format || !PHOTO_FORMATS.has(format)) {
    throw new PhotoRejected('unsupported-format', `${format ?? 'unknown'} images are not accepted as photos`);
  }
  if (!width || !height) throw new PhotoRejected('corrupt', `${format} header has no dimensions`);
  return { ...header, format, width, height };
}

/**
 * Decode once, auto-oriented and shrunk to the largest thumbnail, in sRGB; everything else is derived
 * from these pixels. `failOn: 'truncated'` matters: libjpeg otherwise pads a cut-off JPEG with grey
 * and reports success. JPEG shrink-on-load still reads every scan, so truncation is still seen.
 */
async function decode(input: Buffer, header: Header, maxPixels: number): Promise<RawImage> {
  try {
    const { data, info } = await sharp(input, { limitInputPixels: maxPixels, failOn: 'truncated' })
      .rotate()
      .resize(1280, 1280, { fit: 'inside', withoutEnlargement: true })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    const channels = info.channels === 4 ? 4 : 3;
    if (info.channels !== channels) throw new Error(`unexpected ${info.channels}-channel output`);
    return { data, info: { width: info.width, height: info.height, channels } };
  } catch (error) {
    throw decodeFailure(error, header);
  }
}

function decodeFailure(error: unknown, header: Header): PhotoRejected {
  const message = error instanceof Error ? error.message : String(error);
  if (/exceeds pixel limit/i.test(message)) {
    return new PhotoRejected('pixel-limit', `image exceeds the pixel limit: ${message}`, { cause: error });
  }
  // libheif names the missing codec ("Support for this compression format has not been built in: HEVC").
  if (header.format === 'heif' && /not been built in|no decoder|decoder plugin|unsupported codec/i.test(message)) {
    const codec = header.compression ?? 'this codec';
    return new PhotoRejected(
      'unsupported-format',
      `${header.width}×${header.height} HEIF image coded with ${codec.toUpperCase()} cannot be decoded: this build of libvips has no ${codec.toUpperCase()} decoder`,
      { cause: error },
    );
  }
  return new PhotoRejected('corrupt', `${header.format} image is damaged or truncated: ${firstLine(message)}`, { cause: error });
}

function firstLine(message: string): string {
  return message.split('\n').find((line) => line.trim() !== '') ?? message;
}

async function shrink(pixels: RawImage, slot: number): Promise<RawImage> {
  const { data, info } = await sharp(pixels.data, { raw: pixels.info })
    .resize(slot, slot, { fit: 'inside', withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, info: { width: info.width, height: info.height, channels: pixels.info.channels } };
}

/**
 * WebP at effort 0: the encoder's slowest settings cost more than decoding the photo did (41 ms
 * against 36 ms for a 1280 px thumbnail of squirrel-exif-iptc.jpg) for files only slightly smaller.
 */
async function encode(slot: 320 | 1280, pixels: RawImage): Promise<PhotoThumbnail> {
  const { data, info } = await sharp(pixels.data, { raw: pixels.info })
    .webp({ quality: 80, effort: 0 })
    .toBuffer({ resolveWithObject: true });
  return { width: slot, pixelWidth: info.width, pixelHeight: info.height, webp: data };
}
