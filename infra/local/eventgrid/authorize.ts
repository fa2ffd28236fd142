import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Accepts what `@azure/eventgrid` sends: `aeg-sas-key: <key>` for an AzureKeyCredential, or
 * `aeg-sas-token: r=…&e=…&s=…` for a token from `generateSharedAccessSignature` (HMAC-SHA256 over
 * "r=…&e=…" with the base64-decoded key, expiry as "M/D/YYYY h:mm:ss AM" UTC).
 */
export function isAuthorized(headers: IncomingHttpHeaders, key: string, now = Date.now()): boolean {
  const sasKey = headers['aeg-sas-key'];
  if (typeof sasKey === 'string') return safeEqual(sasKey, key);
  const token = headers['aeg-sas-token'];
  if (typeof token !== 'string') return false;
  const at = token.lastIndexOf('&s=');
  if (at < 0) return false;
  const unsigned = token.slice(0, at);
  const expected = createHmac('sha256', Buffer.from(key, 'base64')).update(unsigned).digest('base64');
  if (!safeEqual(decodeURIComponent(token.slice(at + 3)), expected)) return false;
  const expires = new URLSearchParams(unsigned).get('e');
  return expires !== null && parseServiceTime(expires) > now;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** "M/D/YYYY h:mm:ss AM|PM" in UTC, as the SDK writes it; NaN when malformed. */
function parseServiceTime(value: string): number {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2}) (AM|PM)$/.exec(value);
  if (!m) return Number.NaN;
  const [, month, day, year, hour, minute, second, half] = m.map((s, i) => (i === 7 ? s : Number(s)));
  const h24 = ((hour as number) % 12) + (half === 'PM' ? 12 : 0);
  return Date.UTC(year as number, (month as number) - 1, day as number, h24, minute as number, second as number);
}
