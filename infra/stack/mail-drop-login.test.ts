import { describe, expect, it } from 'vitest';
import { mailDropLogin } from './mail-drop-login.js';

describe('mailDropLogin', () => {
  const login = mailDropLogin(['photodesk@localhost', 'Desk2@Localhost'], 'pw-0123');

  it('lets each development sender in as itself with the printed password, whatever the case of the address', () => {
    expect(login('photodesk@localhost', 'pw-0123')).toBe(true);
    expect(login('desk2@localhost', 'pw-0123')).toBe(true);
    expect(login('PhotoDesk@LOCALHOST', 'pw-0123')).toBe(true);
  });

  it('refuses a wrong password, another user, and empty credentials', () => {
    expect(login('photodesk@localhost', 'pw-0124')).toBe(false);
    expect(login('photodesk@localhost', 'PW-0123')).toBe(false);
    expect(login('intern@localhost', 'pw-0123')).toBe(false);
    expect(login('', '')).toBe(false);
  });
});
