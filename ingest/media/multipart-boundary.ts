import { NotMultipartError } from './errors.js';

/**
 * The boundary of a `multipart/form-data` Content-Type header (RFC 7578, RFC 2046 §5.1.1), or a
 * NotMultipartError saying what is missing. Only form-data is accepted: it is the one multipart
 * type that names its parts.
 */
export function multipartBoundary(contentType: string | undefined): string {
  if (!contentType?.trim()) throw new NotMultipartError('the Content-Type header is missing');
  if (!/^\s*multipart\/form-data\s*(;|$)/i.test(contentType)) {
    throw new NotMultipartError(`the Content-Type is "${contentType.split(';')[0]?.trim()}"`);
  }
  const match = /;\s*boundary\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s"]+))/i.exec(contentType);
  const boundary = match?.[1]?.replace(/\\(.)/g, '$1') ?? match?.[2];
  if (!boundary) throw new NotMultipartError('the Content-Type has no boundary');
  if (boundary.length > 70) throw new NotMultipartError('the boundary is longer than 70 characters');
  return boundary;
}
