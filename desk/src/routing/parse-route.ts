/** The desk's pages, by the hash (`#/submissions/{id}`...): the function app serves one index.html for all of them. */
export type Route =
  | { page: 'submissions'; query: string }
  | { page: 'submission'; id: string }
  | { page: 'escalations' }
  | { page: 'escalation'; submissionId: string; fileId: string }
  | { page: 'upload' }
  | { page: 'system' }
  | { page: 'not-found'; hash: string };

/** Reads a hash; no hash at all is the Submissions page. Ids are percent-decoded, the query kept as written. */
export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?', 2);
  const parts = path.split('/').filter((p) => p !== '');
  let segments: string[];
  try {
    segments = parts.map(decodeURIComponent);
  } catch {
    return { page: 'not-found', hash };
  }
  const [first, second, third, ...rest] = segments;
  if (rest.length > 0) return { page: 'not-found', hash };
  if (first === undefined || (first === 'submissions' && second === undefined)) return { page: 'submissions', query };
  if (first === 'submissions' && second !== undefined && third === undefined) return { page: 'submission', id: second };
  if (first === 'escalations' && second === undefined) return { page: 'escalations' };
  if (first === 'escalations' && second !== undefined && third !== undefined)
    return { page: 'escalation', submissionId: second, fileId: third };
  if (first === 'upload' && second === undefined) return { page: 'upload' };
  if (first === 'system' && second === undefined) return { page: 'system' };
  return { page: 'not-found', hash };
}
