/**
 * One line for an error answer: an RFC 9457 problem's title and detail (what ingest/http answers), or the status and
 * the start of whatever else came (a proxy's HTML page, an empty body).
 */
export function problemMessage(status: number, contentType: string | null, text: string): string {
  if (contentType?.includes('json')) {
    try {
      const problem = JSON.parse(text) as { title?: unknown; detail?: unknown };
      const title = typeof problem.title === 'string' ? problem.title : `HTTP ${status}`;
      return typeof problem.detail === 'string' && problem.detail !== '' ? `${title}: ${problem.detail}` : title;
    } catch {
      // Not JSON after all: fall through to the plain text.
    }
  }
  const plain = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain ? `HTTP ${status}: ${plain.slice(0, 200)}` : `HTTP ${status}`;
}
