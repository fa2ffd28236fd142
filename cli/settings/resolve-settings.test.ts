import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configPath } from './config-path.js';
import { resolveSettings } from './resolve-settings.js';

/** A config home holding newsdesk/config.json with `content`, as XDG_CONFIG_HOME. */
function configHome(content?: string): string {
  const home = mkdtempSync(join(tmpdir(), 'newsdesk-config-'));
  if (content !== undefined) {
    mkdirSync(join(home, 'newsdesk'));
    writeFileSync(join(home, 'newsdesk', 'config.json'), content);
  }
  return home;
}

describe('resolveSettings', () => {
  const file = configHome(JSON.stringify({ url: 'http://file.example:1', apiKey: 'file-key' }));

  it('takes each setting from the flags, else the environment, else the config file, else the default URL', async () => {
    const env = { XDG_CONFIG_HOME: file, NEWSDESK_URL: 'http://env.example:2/', NEWSDESK_API_KEY: 'env-key' };
    expect(await resolveSettings({ url: 'http://flag.example:3', apiKey: 'flag-key' }, { env, home: '/h' })).toEqual({
      url: 'http://flag.example:3',
      apiKey: 'flag-key',
    });
    expect(await resolveSettings({}, { env, home: '/h' })).toEqual({ url: 'http://env.example:2', apiKey: 'env-key' });
    expect(await resolveSettings({}, { env: { XDG_CONFIG_HOME: file }, home: '/h' })).toEqual({
      url: 'http://file.example:1',
      apiKey: 'file-key',
    });
    expect(await resolveSettings({}, { env: { XDG_CONFIG_HOME: configHome(), NEWSDESK_API_KEY: 'k' }, home: '/h' })).toEqual({
      url: 'http://127.0.0.1:7071',
      apiKey: 'k',
    });
  });

  it('reads ~/.config/newsdesk/config.json without XDG_CONFIG_HOME, and --config names another file', async () => {
    expect(configPath({}, '/home/ann')).toBe('/home/ann/.config/newsdesk/config.json');
    expect(configPath({ XDG_CONFIG_HOME: '/cfg' }, '/home/ann')).toBe('/cfg/newsdesk/config.json');
    const other = join(file, 'newsdesk', 'config.json');
    expect(await resolveSettings({ config: other }, { env: {}, home: '/nonexistent' })).toMatchObject({ apiKey: 'file-key' });
  });

  it.each([
    ['a config file that is not JSON', configHome('{url'), /is not valid JSON/],
    ['a config file with an unknown setting', configHome('{"key":"k"}'), /is invalid: .*It takes "url", "apiKey" and "adminKey"/],
    ['a config file with a bad URL', configHome('{"url":"nope","apiKey":"k"}'), /is invalid: url/],
  ])('refuses %s, naming the file', async (_, home, message) => {
    await expect(resolveSettings({}, { env: { XDG_CONFIG_HOME: home }, home: '/h' })).rejects.toThrow(message);
  });

  it('refuses a URL that is not http(s), and no key at all', async () => {
    const env = { XDG_CONFIG_HOME: configHome() };
    await expect(resolveSettings({ url: 'ftp://x', apiKey: 'k' }, { env, home: '/h' })).rejects.toThrow(
      'The URL ftp://x is not an http(s) URL.',
    );
    await expect(resolveSettings({}, { env, home: '/h' })).rejects.toThrow(/^No API key/);
  });
});
