/** The Put Block List body that commits the blocks, in order, as the blob's content. Block ids are base64: no escaping. */
export function blockListXml(blockIds: string[]): string {
  return `<?xml version="1.0" encoding="utf-8"?><BlockList>${blockIds.map((id) => `<Latest>${id}</Latest>`).join('')}</BlockList>`;
}
