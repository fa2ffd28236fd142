import { HttpError } from '../http/http-error.js';
import { parseAuthenticationResults, type AuthenticationResult } from './parse-authentication-results.js';

/** The domain of `user@domain`, `@domain` or a bare domain, lower case, without `<>` or a trailing dot. */
function domainOf(value: string): string {
  const bare = value.trim().replace(/^<|>$/g, '');
  return bare
    .slice(bare.lastIndexOf('@') + 1)
    .replace(/\.$/, '')
    .toLowerCase();
}

const passes = (results: AuthenticationResult[], method: string, prop: string, domain: string): boolean =>
  results.some((r) => r.method === method && r.result === 'pass' && r.props[prop] !== undefined && domainOf(r.props[prop]) === domain);

/**
 * Trusts the sender of a mail only when it is proven (issue 14, defect 6): the envelope sender (MAIL FROM) is the
 * `From:` address, and the receiving mail system's `Authentication-Results` show, for that address, DMARC pass; or
 * SPF pass and DKIM pass, both for the `From:` domain itself (strict alignment: relaxed alignment needs the public
 * suffix list, which Exchange Online applies when it computes DMARC); or SMTP AUTH as that very address (`auth=pass
 * smtp.auth=`, the local mail drop's). Throws a 403 naming what is missing; nothing is recorded for such a mail, so a
 * forged one cannot claim a Message-ID.
 */
export function checkSender(from: string, mail: { envelopeFrom?: string; authenticationResults?: string }): void {
  const envelope = mail.envelopeFrom ? (/<([^>]*)>/.exec(mail.envelopeFrom)?.[1] ?? mail.envelopeFrom).trim().toLowerCase() : '';
  if (envelope !== from) {
    const said = envelope ? `'${envelope}'` : 'empty';
    throw new HttpError(
      403,
      'sender-mismatch',
      'Sender mismatch',
      `The envelope sender (MAIL FROM) is ${said}, not the From: address '${from}'.`,
    );
  }
  const refuse = (why: string): never => {
    const detail = `'${from}' is not an authenticated sender: ${why}. Newsdesk trusts a sender with DMARC pass, or SPF and DKIM pass for the From: domain, or SMTP AUTH as that address.`;
    throw new HttpError(403, 'sender-not-authenticated', 'Sender not authenticated', detail);
  };
  if (!mail.authenticationResults) refuse('the mail carries no Authentication-Results');
  const { results } = parseAuthenticationResults(mail.authenticationResults!);
  const domain = domainOf(from);
  if (results.some((r) => r.method === 'auth' && r.result === 'pass' && r.props['smtp.auth']?.toLowerCase() === from)) return;
  if (passes(results, 'dmarc', 'header.from', domain)) return;
  const spf = passes(results, 'spf', 'smtp.mailfrom', domain);
  const dkim = passes(results, 'dkim', 'header.d', domain) || passes(results, 'dkim', 'header.i', domain);
  if (spf && dkim) return;
  refuse(findings(results, domain, spf, dkim).join('; '));
}

/** What the results say instead of a pass, as precisely as they allow. */
function findings(results: AuthenticationResult[], domain: string, spf: boolean, dkim: boolean): string[] {
  const of = (method: string) => results.filter((r) => r.method === method);
  const out = of('dmarc').map((r) => {
    const d = r.props['header.from'] ? domainOf(r.props['header.from']) : undefined;
    return r.result === 'pass' ? `DMARC pass for ${d ?? 'no named domain'}, not for ${domain}` : `DMARC ${r.result} for ${d ?? domain}`;
  });
  for (const r of of('auth')) out.push(`SMTP AUTH ${r.result} as '${r.props['smtp.auth'] ?? ''}', not as the From: address`);
  for (const [method, aligned, prop] of [
    ['SPF', spf, 'smtp.mailfrom'],
    ['DKIM', dkim, 'header.d'],
  ] as const) {
    const own = of(method.toLowerCase());
    const elsewhere = own.filter((r) => r.result === 'pass' && r.props[prop]).map((r) => domainOf(r.props[prop]!));
    if (aligned) out.push(`${method} pass for ${domain}`);
    else if (elsewhere.length > 0) out.push(`${method} pass for ${elsewhere.join(', ')}, not aligned with ${domain}`);
    else out.push(own[0] ? `${method} ${own[0].result}` : `no ${method} result`);
  }
  return out;
}
