/**
 * True when no byte is a C0 control other than tab, LF or CR (nor DEL): plain text in ASCII, UTF-8
 * or Latin-1. Binary media always has such bytes within its first few hundred, so weak signatures
 * (a 4-letter atom name, a 0x47 sync byte) are only trusted on content that is not text.
 */
export function looksLikeText(bytes: Uint8Array): boolean {
  for (const b of bytes) {
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f) return false;
  }
  return true;
}
