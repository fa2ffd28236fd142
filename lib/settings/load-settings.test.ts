import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { durationSetting } from './duration-setting.js';
import { InvalidSettings } from './invalid-settings.js';
import { loadSettings } from './load-settings.js';

const schema = z.object({
  PORT: z.coerce.number().int().default(80),
  TIMEOUT: durationSetting('PT30S'),
  KEY: z.string({ error: 'KEY (the key clients send) is required' }),
});

describe('loadSettings', () => {
  it('reads the settings, with their defaults', () => {
    expect(loadSettings(schema, { KEY: 'k' }, 'test settings')).toEqual({ PORT: 80, TIMEOUT: 30_000, KEY: 'k' });
  });

  it('names every wrong setting at once, in one wording, without repeating a name the message already gives', () => {
    const error = (() => {
      try {
        loadSettings(schema, { PORT: 'x', TIMEOUT: '30' }, 'test settings');
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(InvalidSettings);
    expect((error as Error).message).toMatch(
      /^Invalid test settings — PORT: .+; TIMEOUT: '30' is not an ISO 8601 duration like PT30M; KEY \(the key clients send\) is required$/,
    );
  });
});
