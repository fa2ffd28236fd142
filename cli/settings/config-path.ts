import { join } from 'node:path';

/** `$XDG_CONFIG_HOME/newsdesk/config.json`, or `~/.config/newsdesk/config.json` where XDG_CONFIG_HOME is unset. */
export function configPath(env: Record<string, string | undefined>, home: string): string {
  const base = env.XDG_CONFIG_HOME ? env.XDG_CONFIG_HOME : join(home, '.config');
  return join(base, 'newsdesk', 'config.json');
}
