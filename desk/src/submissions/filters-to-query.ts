import { FILTER_KEYS, type Filters } from './filters.js';

/**
 * The query string of `GET /api/staff/submissions` for some filters: empty ones left out, text trimmed. With `api`,
 * the dates become the instants the API compares receivedAt with: the start of the first day and the end of the last,
 * in the editor's time zone, so "to 3 May" includes 3 May. Without, they stay as typed (for the page's own hash).
 */
export function filtersToQuery(filters: Filters, { api = false, limit, cursor }: { api?: boolean; limit?: number; cursor?: string } = {}) {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key].trim();
    if (value === '') continue;
    if (api && key === 'from') params.set(key, new Date(`${value}T00:00:00`).toISOString());
    else if (api && key === 'to') params.set(key, new Date(`${value}T23:59:59.999`).toISOString());
    else params.set(key, value);
  }
  if (limit !== undefined) params.set('limit', String(limit));
  if (cursor) params.set('cursor', cursor);
  return params.toString();
}
