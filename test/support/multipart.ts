import { Readable } from 'node:stream';

/** A part from its field name, file name and type; or, for what no client sends, from its raw header lines. */
export type Part = ({ name: string; filename?: string; type?: string } | { headers: string[] }) & { body: Buffer | string };

const headerLines = (p: Part): string[] =>
  'headers' in p
    ? p.headers
    : [
        `Content-Disposition: form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`,
        ...(p.type ? [`Content-Type: ${p.type}`] : []),
      ];

/** A multipart/form-data body built by hand, for inputs FormData will not produce (no filename, odd headers, truncation). */
export function multipart(parts: Part[], boundary = `----newsdesk${Date.now()}`): { body: Buffer; contentType: string } {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n${headerLines(p).join('\r\n')}\r\n\r\n`));
    chunks.push(Buffer.isBuffer(p.body) ? p.body : Buffer.from(p.body));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Files as a multipart/form-data body, encoded by the platform's own FormData, as a client sends them. */
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
