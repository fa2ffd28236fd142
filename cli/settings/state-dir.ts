import { join } from 'node:path';

/** `$XDG_STATE_HOME/newsdesk`, or `~/.local/state/newsdesk`: what the command line keeps between runs (upload resume records). */
export function stateDir(env: Record<string, string | undefined>, home: string): string {
  const base = env.XDG_STATE_HOME ? env.XDG_STATE_HOME : join(home, '.local', 'state');
  return join(base, 'newsdesk');
}
