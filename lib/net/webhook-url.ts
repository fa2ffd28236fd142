import type { AllowList } from './allow-list.js';
import { blockedReason } from './blocked-ranges.js';
import { parseIp } from './ip.js';
import { systemLookup, type Lookup } from './lookup.js';
import { UrlRejected } from './url-rejected.js';

export interface WebhookUrlOptions {
  allowlist: AllowList;
  /** Resolves a host name to all of its addresses; tests inject one (no network). */
  lookup?: Lookup;
}

// Names that only mean something inside our own network (RFC 6761 / 6762 / 8375, cloud DNS).
const PRIVATE_SUFFIXES = ['localhost', 'internal', 'local', 'localdomain', 'home.arpa'];

/**
 * SSRF guard for a URL someone else chose (a client's webhook, an image to download): we will
 * call it from inside our network, so it must lead to the public Internet. Every address the name resolves to must pass, since a
 * rebinding DNS server picks which one we connect to. The connecting code should still pin or
 * re-check the address it dials (resolveTarget does): this check cannot see what DNS answers
 * later. Throws UrlRejected saying why.
 */
export async function checkWebhookUrl(raw: string, options: WebhookUrlOptions): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UrlRejected('it is not a valid absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UrlRejected(`its scheme must be http or https, not ${url.protocol.replace(/:$/, '')}`);
  }
  if (url.username !== '' || url.password !== '') throw new UrlRejected('it must not contain a user name or password');
  const host = url.hostname;
  if (host === '') throw new UrlRejected('it has no host');
  if (options.allowlist.allowsHost(host)) return url;

  // The WHATWG parser has already turned 2130706433, 0x7f.1 and 017700000001 into 127.0.0.1.
  const literal = parseIp(host);
  if (literal !== undefined) {
    const reason = blockedReason(literal);
    if (reason !== undefined) throw new UrlRejected(`its host ${host} is not a public address (${reason})`);
    return url;
  }

  const name = host.toLowerCase().replace(/\.$/, '');
  if (!name.includes('.')) throw new UrlRejected(`its host ${host} is a single-label name, which resolves only inside a network`);
  if (PRIVATE_SUFFIXES.some((suffix) => name === suffix || name.endsWith(`.${suffix}`))) {
    throw new UrlRejected(`its host ${host} is a private name`);
  }

  let addresses: { address: string }[];
  try {
    addresses = await (options.lookup ?? systemLookup)(name);
  } catch {
    throw new UrlRejected(`cannot resolve its host ${host}`);
  }
  if (addresses.length === 0) throw new UrlRejected(`cannot resolve its host ${host}`);
  for (const { address } of addresses) {
    if (options.allowlist.allowsAddress(address)) continue;
    const ip = parseIp(address);
    const reason = ip === undefined ? 'not a recognisable IP address' : blockedReason(ip);
    if (reason !== undefined) throw new UrlRejected(`its host ${host} resolves to ${address}, which is not public (${reason})`);
  }
  return url;
}
