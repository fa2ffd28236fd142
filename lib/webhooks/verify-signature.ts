import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Checks a `Newsdesk-Signature` header (`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, docs/webhooks.md):
 * here in lib/ because the sender's tests and the `newsdesk verify` command both check deliveries. The receiver's side,
 * written to be copied into a client as is (README): node:crypto only. `body` must be the raw request body as received,
 * not JSON re-serialised. Several v1 values are accepted (one per secret while a secret is rotated); `now` is unix
 * seconds.
 */
export function verifySignature(
  header: string,
  body: string,
  secret: string,
  { toleranceSeconds = 300, now = Date.now() / 1000 } = {},
): boolean {
  const pairs = header.split(',').map((part) => /^\s*([a-z0-9]+)=([^\s=]*)\s*$/i.exec(part));
  if (secret === '' || pairs.some((pair) => pair === null)) return false;
  const times = pairs.filter((pair) => pair![1] === 't').map((pair) => pair![2]!);
  const signatures = pairs.filter((pair) => pair![1] === 'v1').map((pair) => pair![2]!);
  const t = times[0];
  if (times.length !== 1 || t === undefined || !/^[0-9]{1,12}$/.test(t)) return false;
  if (Math.abs(now - Number(t)) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`, 'utf8').digest();
  // Each candidate is compared in constant time; only well-formed 64-hex-digit values are tried.
  return signatures.some((v1) => /^[0-9a-f]{64}$/i.test(v1) && timingSafeEqual(Buffer.from(v1, 'hex'), expected));
}
