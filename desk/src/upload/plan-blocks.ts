/** Blob Storage's Put Block takes up to 4000 MiB; 8 MiB keeps a retry cheap and a 2 GB video at 256 blocks. */
export const BLOCK_BYTES = 8 * 1024 * 1024;

export interface PlannedBlock {
  /** Base64, the same length for every block of a blob, as Blob Storage requires. */
  blockId: string;
  start: number;
  end: number;
}

/**
 * The blocks of one file, in order: byte ranges [start, end) and their ids. The ids depend on the index only, so an
 * upload retried from the start writes the same blocks again.
 */
export function planBlocks(size: number, blockBytes = BLOCK_BYTES): PlannedBlock[] {
  if (!Number.isInteger(size) || size <= 0) throw new RangeError(`Cannot plan blocks for ${size} bytes.`);
  const blocks: PlannedBlock[] = [];
  for (let start = 0, index = 0; start < size; start += blockBytes, index++) {
    blocks.push({ blockId: btoa(`block-${String(index).padStart(6, '0')}`), start, end: Math.min(start + blockBytes, size) });
  }
  return blocks;
}
