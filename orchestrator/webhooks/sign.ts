import { createHmac } from 'node:crypto';

/**
 * The `Newsdesk-Signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`.
 * The timestamp is signed with the body, so a captured delivery cannot be replayed later.
 * During a secret rotation's overlap it carries one `v1` per secret, the newest first.
 */
export function signPayload(body: string, secret: string | readonly string[], unixSeconds: number): string {
  if (!Number.isSafeInteger(unixSeconds) || unixSeconds < 0)
    throw new RangeError(`Signature time ${unixSeconds} is not whole unix seconds`);
  const secrets = typeof secret === 'string' ? [secret] : secret;
  if (secrets.length === 0 || secrets.includes('')) throw new RangeError('A webhook secret must not be empty');
  const v1 = secrets.map((key) => `,v1=${createHmac('sha256', key).update(`${unixSeconds}.${body}`, 'utf8').digest('hex')}`);
  return `t=${unixSeconds}${v1.join('')}`;
}
