/** Put Block: the file's SAS upload URL (it already has a query) with `comp=block&blockid=…`. */
export function blockUrl(uploadUrl: string, blockId: string): string {
  const url = new URL(uploadUrl);
  url.searchParams.set('comp', 'block');
  url.searchParams.set('blockid', blockId);
  return url.toString();
}

/** Put Block List: the SAS upload URL with `comp=blocklist`. */
export function blockListUrl(uploadUrl: string): string {
  const url = new URL(uploadUrl);
  url.searchParams.set('comp', 'blocklist');
  return url.toString();
}
