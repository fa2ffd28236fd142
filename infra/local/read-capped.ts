/**
 * The platform's one capped body reader: a request or message body into memory, or `undefined` once it grows past
 * `maxBytes`. With `drain` (the default) it keeps reading what remains without keeping it, so the exchange can still
 * be answered cleanly (HTTP 413, an SMTP reply); without, it stops at once and the caller closes the connection.
 */
export async function readCapped(
  body: AsyncIterable<Buffer>,
  maxBytes: number,
  { drain = true }: { drain?: boolean } = {},
): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of body) {
    bytes += chunk.length;
    if (bytes <= maxBytes) chunks.push(chunk);
    else if (!drain) return undefined;
  }
  return bytes <= maxBytes ? Buffer.concat(chunks, bytes) : undefined;
}
