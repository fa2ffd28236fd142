import { FILTER_KEYS, NO_FILTERS, type Filters } from './filters.js';

/** The filters a page hash's query names (`#/submissions?status=failed`); anything else in it is ignored. */
export function filtersFromQuery(query: string): Filters {
  const params = new URLSearchParams(query);
  const filters: Filters = { ...NO_FILTERS };
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value === null) continue;
    if (key === 'duplicate') filters.duplicate = value === 'true' || value === 'false' ? value : '';
    else filters[key] = value;
  }
  return filters;
}
