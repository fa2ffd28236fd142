import type { Logger } from './types.js';

/** Console logging for the local platform: one line per record, fields as JSON. */
export function consoleLogger(scope: string, quiet = false): Logger {
  const line = (level: string, message: string, fields?: Record<string, unknown>): string =>
    `${new Date().toISOString()} ${level} [${scope}] ${message}${fields && Object.keys(fields).length ? ' ' + JSON.stringify(fields) : ''}`;
  return {
    info: (m, f) => {
      if (!quiet) console.log(line('info', m, f));
    },
    warn: (m, f) => console.warn(line('warn', m, f)),
    error: (m, f) => console.error(line('error', m, f)),
  };
}
