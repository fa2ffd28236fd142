/** Whether an `If-None-Match` header names this ETag: `*`, or one of its entries compared weakly (RFC 9110 13.1.2). */
export function etagMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || strip(tag) === strip(etag));
}
