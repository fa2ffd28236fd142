/** Over this, a file goes through an upload session in blocks, straight to Blob Storage, rather than in one request. */
export const MULTIPART_MAX_BYTES = 32 * 1024 * 1024;

/**
 * The most one multipart request may carry in all. Azure Functions' front end refuses bodies over 100 MB (the host's
 * `NEWSDESK_MAX_REQUEST_BYTES` default matches it); the margin leaves room for the multipart framing and fields.
 */
export const MULTIPART_TOTAL_MAX_BYTES = 96 * 1024 * 1024;

/**
 * How a set of files is sent as one submission: all in one multipart request, or (when any is big, or together they
 * would pass the request cap) all through one upload session, so the submission stays one whatever the mix.
 */
export function uploadMethod(sizes: number[], fileMax = MULTIPART_MAX_BYTES): 'multipart' | 'session' {
  const total = sizes.reduce((sum, size) => sum + size, 0);
  return sizes.some((size) => size > fileMax) || total > MULTIPART_TOTAL_MAX_BYTES ? 'session' : 'multipart';
}
