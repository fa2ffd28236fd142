/** The stream failed or closed before its end; `cause` is its own error, when it gave one. */
export class StreamAborted extends Error {
  override readonly name = 'StreamAborted';
}
