import type { InboundEmail } from '@newsdesk/local-platform/maildrop';
import { inboundEmail } from '../../contracts/email.js';
import { formatIssues } from '../../lib/settings/format-issues.js';

/**
 * The mail drop's check before it posts: Newsdesk's e-mail contract. A mail that breaks it (one
 * with no sender at all) is refused for good at once, saying why, as the endpoint would refuse it.
 */
export function checkInboundEmail(email: InboundEmail): string | undefined {
  const parsed = inboundEmail.safeParse(email);
  return parsed.success ? undefined : formatIssues(parsed.error.issues);
}
