import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { parseMultipart, type MultipartLimits } from './parse-multipart.js';
import { encode, pulledBody, drain } from '../../test/support/multipart.js';
import { fixture } from '../../test/support/fixtures.js';

const limits: MultipartLimits = { maxFileBytes: 5e6, maxFiles: 5, maxTotalBytes: 3e7, maxFields: 5, maxFieldBytes: 100, maxHeaderPairs: 4 };
const JPEG = fixture('runners-race.jpg');
const BIG = fixture('police-cars.jpg'); // 1.2 MB

describe('parseMultipart flow control', () => {
  it('reads the body only as fast as onFile consumes the file (backpressure)', async () => {
    const { body, contentType } = await encode([['big.jpg', BIG]]);
    const { source, stats } = pulledBody(body);
    let consumed = 0;
    let maxLead = 0;
    const { files } = await parseMultipart(source, contentType, limits, async (part) => {
      for await (const chunk of part.stream) {
        consumed += (chunk as Buffer).length;
        maxLead = Math.max(maxLead, stats.pulled - consumed);
        await sleep(1);
      }
      return part.inspection().size;
    });
    expect(files).toEqual([BIG.length]);
    expect(stats.pulled).toBe(body.length);
    // Only the streams' buffers lie between the socket and the slow consumer, never the file.
    expect(maxLead).toBeLessThan(160 * 1024);
  });

  it('hands parts over as they arrive, while an earlier onFile is still busy', async () => {
    const { body, contentType } = await encode([
      ['a.jpg', JPEG],
      ['b.jpg', JPEG],
    ]);
    const events: string[] = [];
    await parseMultipart(pulledBody(body).source, contentType, limits, async (part) => {
      events.push(`start ${part.filename}`);
      await drain(part.stream);
      await sleep(part.filename === 'a.jpg' ? 100 : 0); // a's upload takes a while to commit
      events.push(`done ${part.filename}`);
    });
    expect(events).toEqual(['start a.jpg', 'start b.jpg', 'done b.jpg', 'done a.jpg']);
  });
});
