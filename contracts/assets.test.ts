import { describe, expect, it } from 'vitest';
import { assetBlobOf, derivedAssetsOf, derivedFileOf, keyframeAsset, parseAsset, thumbnailAsset } from './assets.js';

// The blob names are durable: the worker wrote every stored result by them.
describe('the asset mapping', () => {
  it('names each asset’s blob as the worker writes it', () => {
    expect(assetBlobOf('s1', 'f1', 'original')).toBe('incoming/s1/f1');
    expect(assetBlobOf('s1', 'f1', 'analysis')).toBe('results/s1/f1/analysis.json');
    expect(assetBlobOf('s1', 'f1', thumbnailAsset(320))).toBe('results/s1/f1/thumb-320.webp');
    expect(assetBlobOf('s1', 'f1', 'thumbnail-1280')).toBe('results/s1/f1/thumb-1280.webp');
    expect(assetBlobOf('s1', 'f1', 'poster')).toBe('results/s1/f1/poster.webp');
    expect(assetBlobOf('s1', 'f1', 'contact-sheet')).toBe('results/s1/f1/contact-sheet.webp');
    expect(assetBlobOf('s1', 'f1', keyframeAsset(7))).toBe('results/s1/f1/keyframe-007.jpg');
    expect(assetBlobOf('s1', 'f1', keyframeAsset(1234))).toBe('results/s1/f1/keyframe-1234.jpg');
  });

  it('gives each derived asset its encoder’s content type', () => {
    expect(derivedFileOf('thumbnail-320').contentType).toBe('image/webp');
    expect(derivedFileOf('keyframe-0').contentType).toBe('image/jpeg');
    expect(derivedFileOf('analysis').contentType).toBe('application/json');
  });

  it('reads asset names from a URL, one name per asset', () => {
    expect(['original', 'analysis', 'poster', 'keyframe-0', 'keyframe-12'].map(parseAsset)).toEqual([
      'original',
      'analysis',
      'poster',
      'keyframe-0',
      'keyframe-12',
    ]);
    for (const name of ['keyframe-01', 'keyframe-', 'keyframe--1', 'thumbnail-640', 'Poster', 'analysis.json', '', 'constructor'])
      expect(parseAsset(name), name).toBeUndefined();
  });

  it('lists what a worker makes of each kind of media', () => {
    expect(derivedAssetsOf({ mediaType: 'photo' })).toEqual(['analysis', 'thumbnail-320', 'thumbnail-1280']);
    expect(derivedAssetsOf({ mediaType: 'video', keyframeCount: 2 })).toEqual([
      'analysis',
      'poster',
      'contact-sheet',
      'keyframe-0',
      'keyframe-1',
    ]);
  });
});
