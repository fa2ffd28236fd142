/**
 * A multipart upload reports one byte count for the whole body; the files go in it one after another, so each file's
 * share is the part of the count that falls within its bytes. Multipart framing is small and ignored (the upload's `load` event then
 * marks every file done). Fractions 0 to 1.
 */
export function perFileProgress(loaded: number, sizes: number[]): number[] {
  const total = sizes.reduce((sum, s) => sum + s, 0);
  let left = loaded;
  return sizes.map((size) => {
    if (size === 0) return loaded >= total ? 1 : 0;
    const share = Math.min(Math.max(left, 0), size);
    left -= size;
    return share / size;
  });
}
