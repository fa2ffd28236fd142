import { describe, expect, it } from 'vitest';
import { blockListXml } from './block-list-xml.js';
import { blockListUrl, blockUrl } from './block-urls.js';
import { perFileProgress } from './per-file-progress.js';
import { BLOCK_BYTES, planBlocks } from './plan-blocks.js';
import { MULTIPART_MAX_BYTES, MULTIPART_TOTAL_MAX_BYTES, uploadMethod } from '../../../contracts/upload-method.js';

describe('planBlocks', () => {
  it('covers the file in contiguous 8 MiB blocks, the last one short', () => {
    const size = 2 * BLOCK_BYTES + 5;
    const blocks = planBlocks(size);
    expect(blocks.map((b) => [b.start, b.end])).toEqual([
      [0, BLOCK_BYTES],
      [BLOCK_BYTES, 2 * BLOCK_BYTES],
      [2 * BLOCK_BYTES, size],
    ]);
  });

  it('gives every block of a 2 GB file a distinct base64 id of the same length, stable between plans', () => {
    const blocks = planBlocks(2 * 1024 ** 3);
    expect(blocks).toHaveLength(256);
    expect(new Set(blocks.map((b) => b.blockId)).size).toBe(256);
    expect(new Set(blocks.map((b) => b.blockId.length)).size).toBe(1);
    expect(atob(blocks[255]!.blockId)).toBe('block-000255');
    expect(planBlocks(2 * 1024 ** 3)).toEqual(blocks);
  });

  it('refuses an empty or fractional size', () => {
    expect(() => planBlocks(0)).toThrow(RangeError);
    expect(() => planBlocks(1.5)).toThrow(RangeError);
  });
});

describe('block URLs and the block list', () => {
  const sas = 'http://127.0.0.1:10000/devstoreaccount1/incoming/u_1/f_1?sv=2024-08-04&sig=a%2Bb%3D&sp=cw';

  it('adds comp and an encoded block id to the SAS URL, keeping its signature', () => {
    const url = new URL(blockUrl(sas, 'YmxvY2stMDAwMDAx+/='));
    expect(url.searchParams.get('comp')).toBe('block');
    expect(url.searchParams.get('blockid')).toBe('YmxvY2stMDAwMDAx+/=');
    expect(url.searchParams.get('sig')).toBe('a+b=');
    expect(new URL(blockListUrl(sas)).searchParams.get('comp')).toBe('blocklist');
  });

  it('lists the blocks in order as Latest', () => {
    expect(blockListXml(['QQ==', 'Qg=='])).toBe(
      '<?xml version="1.0" encoding="utf-8"?><BlockList><Latest>QQ==</Latest><Latest>Qg==</Latest></BlockList>',
    );
  });
});

describe('perFileProgress and uploadMethod', () => {
  it('splits a multipart byte count over the files in body order', () => {
    expect(perFileProgress(0, [100, 300])).toEqual([0, 0]);
    expect(perFileProgress(50, [100, 300])).toEqual([0.5, 0]);
    expect(perFileProgress(250, [100, 300])).toEqual([1, 0.5]);
    expect(perFileProgress(500, [100, 300])).toEqual([1, 1]);
  });

  it('sends every file through a session once any is over 32 MiB', () => {
    expect(uploadMethod([1000, MULTIPART_MAX_BYTES])).toBe('multipart');
    expect(uploadMethod([1000, MULTIPART_MAX_BYTES + 1])).toBe('session');
  });

  it('sends files that are each small but together over the request cap through a session', () => {
    const justUnder = MULTIPART_MAX_BYTES - 1;
    const fitting = Math.floor(MULTIPART_TOTAL_MAX_BYTES / justUnder);
    expect(uploadMethod(Array.from({ length: fitting }, () => justUnder))).toBe('multipart');
    expect(uploadMethod(Array.from({ length: fitting + 1 }, () => justUnder))).toBe('session');
  });
});
