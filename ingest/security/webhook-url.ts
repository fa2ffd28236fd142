import { lookup as dnsLookup } from 'node:dns/promises';
import { HttpError } from '../http/http-error.js';
import type { AllowList } from './allow-list.js';
import { blockedReason } from './blocked-ranges.js';
import { parseIp } from './ip.js';

export type Lookup = (host: string) => Promise<{ address: string; family: 4 | 6 }[]>;

export interface WebhookUrlOptions {
  allowlist: AllowList;
  /** Resolves a host name to all of its addresses; tests inject one (no network). */
  lookup?: Lookup;
}

// Names that only mean something inside our own network (RFC 6761 / 6762 / 8375, cloud DNS).
const PRIVATE_SUFFIXES = ['localhost', 'internal', 'local', 'localdomain', 'home.arpa'];

/**
 * SSRF guard for a client's webhook URL: the pipeline will POST to it from inside our network,
 * so it must lead to the public Internet. Every address the name resolves to must pass, since a
 * rebinding DNS server picks which one we connect to. The connecting code should still pin or
 * re-check the address it dials: this check cannot see what DNS answers later.
 */
export async function checkWebhookUrl(raw: string, options: WebhookUrlOptions): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid('it is not a valid absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalid(`its scheme must be http or https, not ${url.protocol.replace(/:$/, '')}`);
  }
  if (url.username !== '' || url.password !== '') throw invalid('it must not contain a user name or password');
  const host = url.hostname;
  if (host === '') throw invalid('it has no host');
  if (options.allowlist.allowsHost(host)) return url;

  // The WHATWG parser has already turned 2130706433, 0x7f.1 and 017700000001 into 127.0.0.1.
  const literal = parseIp(host);
  if (literal !== undefined) {
    const reason = blockedReason(literal);
    if (reason !== undefined) throw invalid(`its host ${host} is not a public address (${reason})`);
    return url;
  }

  const name = host.toLowerCase().replace(/\.$/, '');
  if (!name.includes('.')) throw invalid(`its host ${host} is a single-label name, which resolves only inside a network`);
  if (PRIVATE_SUFFIXES.some((suffix) => name === suffix || name.endsWith(`.${suffix}`))) {
    throw invalid(`its host ${host} is a private name`);
  }

  let addresses: { address: string }[];
  try {
    addresses = await (options.lookup ?? defaultLookup)(name);
  } catch {
    throw invalid(`cannot resolve its host ${host}`);
  }
  if (addresses.length === 0) throw invalid(`cannot resolve its host ${host}`);
  for (const { address } of addresses) {
    if (options.allowlist.allowsAddress(address)) continue;
    const ip = parseIp(address);
    const reason = ip === undefined ? 'not a recognisable IP address' : blockedReason(ip);
    if (reason !== undefined) throw invalid(`its host ${host} resolves to ${address}, which is not public (${reason})`);
  }
  return url;
}

async function defaultLookup(host: string): Promise<{ address: string; family: 4 | 6 }[]> {
  const found = await dnsLookup(host, { all: true, verbatim: true });
  return found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
}

function invalid(why: string): HttpError {
  return new HttpError(422, 'invalid-webhook-url', 'Invalid webhook URL', `The webhook URL is rejected: ${why}.`);
}
