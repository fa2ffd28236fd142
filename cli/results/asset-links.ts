import type { FileLinks } from '../../contracts/links.js';

/** Every asset link of a file, keyframes included, each with its asset name (the link's last path segment). */
export function assetLinks(links: FileLinks): { asset: string; url: string }[] {
  const { keyframes = [], ...named } = links;
  const urls = [...Object.values(named).filter((u): u is string => typeof u === 'string'), ...keyframes];
  return urls.map((url) => ({ asset: decodeURIComponent(new URL(url).pathname.split('/').pop() ?? 'asset'), url }));
}
