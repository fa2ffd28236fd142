import type { PhotoResult } from '../../contracts/analysis-result.js';
import type { PhotoAnalysis } from '../../contracts/file-analysis.js';
import { summarizeImage, type SummaryOptions } from '../classification/summarize-image.js';
import { UNCLASSIFIED } from './unclassified.js';

/** A photo's analysis for the client: its size and format, what the file says about itself, and what the classifier saw. */
export function summarizePhoto(result: PhotoResult, topics: PhotoAnalysis['topics'], options: SummaryOptions = {}): PhotoAnalysis {
  const { width, height, format, metadata: m } = result.metadata;
  return {
    source: 'worker',
    mediaType: 'photo',
    perceptualHash: result.perceptualHash,
    width,
    height,
    format,
    capturedAt: m.capturedAt,
    byline: m.byline,
    credit: m.credit,
    copyright: m.copyright,
    description: m.caption,
    headline: m.headline,
    keywords: m.keywords,
    city: m.city,
    country: m.country,
    gps: m.gps && { lat: m.gps.latitude, lon: m.gps.longitude, ...(m.gps.altitude === undefined ? {} : { altitude: m.gps.altitude }) },
    camera: m.camera,
    ...(result.classification ? { classified: true, ...summarizeImage(result.classification, options), topics } : UNCLASSIFIED),
  };
}
