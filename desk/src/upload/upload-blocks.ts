import { blockListXml } from './block-list-xml.js';
import { blockListUrl, blockUrl } from './block-urls.js';
import { planBlocks } from './plan-blocks.js';
import { xhrSend } from './xhr-send.js';

/** Blocks in flight per file: enough to fill a link, few enough that a 2 GB file never sits in memory. */
const PARALLEL = 4;
const TRIES = 3;

/**
 * One big file straight to Blob Storage through its SAS URL: Put Block for each 8 MiB slice (retried), then Put Block
 * List to make them the blob. `onProgress` gets the bytes sent so far.
 */
export async function uploadBlocks(file: File, uploadUrl: string, onProgress: (sent: number) => void): Promise<void> {
  const blocks = planBlocks(file.size);
  const sent = new Map<number, number>();
  const report = () => onProgress([...sent.values()].reduce((a, b) => a + b, 0));
  let next = 0;
  const worker = async () => {
    while (next < blocks.length) {
      const index = next++;
      const block = blocks[index]!;
      for (let attempt = 1; ; attempt++) {
        try {
          await xhrSend('PUT', blockUrl(uploadUrl, block.blockId), file.slice(block.start, block.end), {
            onProgress: (loaded) => (sent.set(index, loaded), report()),
          });
          sent.set(index, block.end - block.start);
          report();
          break;
        } catch (error) {
          sent.set(index, 0);
          if (attempt >= TRIES) throw error;
          await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, blocks.length) }, worker));
  await xhrSend('PUT', blockListUrl(uploadUrl), blockListXml(blocks.map((b) => b.blockId)), {
    headers: { 'content-type': 'application/xml', 'x-ms-blob-content-type': file.type || 'application/octet-stream' },
  });
}
