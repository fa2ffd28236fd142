import type { AllowList } from './allow-list.js';
import { formatIp, parseIp } from './ip.js';
import { systemLookup, type Lookup, type ResolvedAddress } from './lookup.js';
import { UrlRejected } from './url-rejected.js';
import { checkWebhookUrl } from './webhook-url.js';

/** Where to connect: every address in `addresses` has passed the SSRF guard (or the allow-list). */
export type Target =
  | { kind: 'ok'; url: URL; addresses: ResolvedAddress[] }
  /** The guard refused the URL: retrying will not help. `reason` is UrlRejected's. */
  | { kind: 'rejected'; reason: string }
  /** DNS did not answer: may well work later. */
  | { kind: 'unresolved'; reason: string };

/**
 * Runs the SSRF guard (checkWebhookUrl: schemes, private names, blocked ranges, the
 * allow-list) at call time, with DNS asked exactly once: the guard's lookup is wrapped to keep
 * its answer, and those checked addresses are the ones the caller must connect to. Asking DNS
 * again to connect would let a rebinding server answer with a private address the second time.
 */
export async function resolveTarget(raw: string, options: { allowList: AllowList; lookup?: Lookup }): Promise<Target> {
  const lookup = options.lookup ?? systemLookup;
  let answer: ResolvedAddress[] | undefined;
  let dnsFailed = false;
  const lookupOnce: Lookup = async (host) => {
    try {
      answer = await lookup(host);
      return answer;
    } catch (error) {
      dnsFailed = true;
      throw error;
    }
  };

  let url: URL;
  try {
    url = await checkWebhookUrl(raw, { allowlist: options.allowList, lookup: lookupOnce });
  } catch (error) {
    if (!(error instanceof UrlRejected)) throw error;
    if (dnsFailed || answer?.length === 0) return { kind: 'unresolved', reason: `cannot resolve host ${new URL(raw).hostname}` };
    return { kind: 'rejected', reason: error.reason };
  }
  if (answer !== undefined) return { kind: 'ok', url, addresses: answer };

  const literal = parseIp(url.hostname);
  if (literal !== undefined) return { kind: 'ok', url, addresses: [{ address: formatIp(literal), family: literal.family }] };

  // A name on the allow-list is trusted by name, so the guard did not resolve it: do it here, once.
  try {
    const addresses = await lookup(url.hostname.toLowerCase().replace(/\.$/, ''));
    if (addresses.length > 0) return { kind: 'ok', url, addresses };
  } catch {
    // Reported below, like an empty answer.
  }
  return { kind: 'unresolved', reason: `cannot resolve host ${url.hostname}` };
}
