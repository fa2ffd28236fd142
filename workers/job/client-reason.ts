import { hostname } from 'node:os';

const STACK_FRAME = /^\s*at\s.*$/gm;
const URL_PATTERN = /\b[a-z][a-z0-9+.-]*:\/\/[^\s'"`<>()]+/gi;
/** An absolute path (POSIX or Windows) at the start of a word: only its last part, the file's name, is kept. */
const PATH_PATTERN = /(^|[\s'"`(=:])((?:[a-z]:)?[\\/](?:[^\s'"`()\\/:]+[\\/])+)([^\s'"`()\\/:]*)/gim;
const IPV4 = /\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g;
const IPV6 = /\[[0-9a-f:]+\](?::\d+)?/gi;
/** Node's DNS errors name the host they looked up: `getaddrinfo ENOTFOUND db.internal`. */
const LOOKED_UP = /\b(ENOTFOUND|EAI_AGAIN)\s+\S+/g;
const HOST = '<host>';

/**
 * The one place a reason leaves the worker for a client (AnalysisFailed ends up in the webhook and the status API):
 * whatever an error message carried — a stack trace, a server path, a URL, a host name or address — is taken out,
 * and what is left says what went wrong. Operations keep the whole reason in the worker's log.
 */
export function clientReason(reason: string): string {
  const own = new RegExp(`(?<![\\w.-])(?:${escape(hostname())}|localhost)(?![\\w-])`, 'gi');
  const text = reason
    .replace(STACK_FRAME, '')
    .replace(URL_PATTERN, HOST)
    .replace(PATH_PATTERN, (_, before: string, _dir: string, name: string) => `${before}${name || '<path>'}`)
    .replace(IPV6, HOST)
    .replace(IPV4, HOST)
    .replace(LOOKED_UP, `$1 ${HOST}`)
    .replace(own, HOST);
  return (
    text
      .split('\n')
      .map((line) => line.trimEnd())
      .filter(Boolean)
      .join('\n')
      .slice(0, 2000) || 'the analysis failed'
  );
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
