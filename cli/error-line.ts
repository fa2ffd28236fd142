import { CliError } from './cli-error.js';

/**
 * The one line a failure prints: a CliError's message as is; anything else by its message alone. People read this
 * line, and scripts grep it: never a stack trace, never more than one line.
 */
export function errorLine(error: unknown): string {
  const message = error instanceof CliError ? error.message : error instanceof Error ? `Unexpected error: ${error.message}` : String(error);
  return `newsdesk: ${message.replace(/\s*[\r\n]+\s*/g, ' ').trim()}`;
}
