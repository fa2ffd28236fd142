const EBML_MAGIC = [0x1a, 0x45, 0xdf, 0xa3];
const DOCTYPE_ID = 0x4282;

interface Vint {
  length: number;
  value: number;
  unknown: boolean;
}

/**
 * The DocType ("webm", "matroska", …) of an EBML header at the start of `head`, or undefined when
 * there is no well-formed EBML header with a DocType within the bytes given. Walks the header's
 * child elements properly rather than searching for the bytes, so a DocType inside other data is
 * not mistaken for it.
 */
export function ebmlDocType(head: Uint8Array): string | undefined {
  if (head.length < 4 || EBML_MAGIC.some((b, i) => head[i] !== b)) return undefined;
  const size = readVint(head, 4, 8, false);
  if (!size) return undefined;
  let pos = 4 + size.length;
  const end = size.unknown ? head.length : Math.min(head.length, pos + size.value);
  while (pos < end) {
    const id = readVint(head, pos, 4, true);
    if (!id) return undefined;
    pos += id.length;
    const len = readVint(head, pos, 8, false);
    if (!len || len.unknown) return undefined;
    pos += len.length;
    if (id.value === DOCTYPE_ID) {
      if (pos + len.value > head.length) return undefined;
      // A DocType is ASCII; some muxers pad it with NULs.
      return Buffer.from(head.buffer, head.byteOffset + pos, len.value)
        .toString('latin1')
        .replace(/\0+$/, '');
    }
    pos += len.value;
  }
  return undefined;
}

/** An EBML variable-length integer: element IDs keep their length marker bits, sizes drop them. */
function readVint(bytes: Uint8Array, pos: number, maxLength: number, keepMarker: boolean): Vint | undefined {
  const first = bytes[pos];
  if (first === undefined || first === 0) return undefined;
  const length = Math.clz32(first) - 23; // leading zero bits of the byte, plus one
  if (length > maxLength || pos + length > bytes.length) return undefined;
  const mask = 0xff >> length;
  let value = keepMarker ? first : first & mask;
  let allOnes = (first & mask) === mask;
  for (let i = 1; i < length; i++) {
    const b = bytes[pos + i] as number;
    value = value * 256 + b;
    allOnes &&= b === 0xff;
  }
  return { length, value, unknown: !keepMarker && allOnes };
}
