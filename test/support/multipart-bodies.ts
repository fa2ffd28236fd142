import { Readable } from 'node:stream';

/** Files as a multipart/form-data body, encoded by the platform's own FormData. */
export async function encode(files: [string, Buffer | string][]): Promise<{ body: Buffer; contentType: string | undefined }> {
  const form = new FormData();
  for (const [name, data] of files) form.append('file', new Blob([data]), name);
  const response = new Response(form);
  return { body: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get('content-type') ?? undefined };
}

/** A body the parser pulls 16 KiB at a time, like a socket; `pulled` says how far it has read. */
export function pulledBody(body: Buffer): { source: Readable; stats: { pulled: number } } {
  const stats = { pulled: 0 };
  const source = new Readable({
    read() {
      const chunk = body.subarray(stats.pulled, stats.pulled + 16384);
      stats.pulled += chunk.length;
      this.push(chunk.length ? chunk : null);
    },
  });
  return { source, stats };
}

/** Reads a stream to its end; resolves with the byte count. */
export async function drain(stream: Readable): Promise<number> {
  let n = 0;
  for await (const chunk of stream) n += (chunk as Buffer).length;
  return n;
}
