/** Over this, a file goes through an upload session in blocks, straight to Blob Storage, rather than in one request. */
export const MULTIPART_MAX_BYTES = 32 * 1024 * 1024;

/**
 * How a set of files is sent as one submission: all in one multipart request, or (when any is big) all through one
 * upload session, so the submission stays one whatever the mix.
 */
export function uploadMethod(sizes: number[]): 'multipart' | 'session' {
  return sizes.some((size) => size > MULTIPART_MAX_BYTES) ? 'session' : 'multipart';
}
