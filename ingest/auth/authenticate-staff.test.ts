import { describe, expect, it } from 'vitest';
import { HttpRequest } from '@azure/functions';
import { authenticateStaff } from './authenticate-staff.js';
import { hashApiKey } from '../security/api-key.js';
import { HttpError } from '../http/http-error.js';
import { STAFF_ROLE } from './staff-identity.js';

const KEY = 'nd_editor_a-key-long-enough-for-the-test';
const settings = { editorKeys: [{ name: 'Night editor', hash: hashApiKey(KEY) }], easyAuth: false };
const request = (headers: Record<string, string>) => new HttpRequest({ method: 'GET', url: 'http://localhost/api/staff/me', headers });
const principal = (claims: { typ: string; val: string }[]) => Buffer.from(JSON.stringify({ auth_typ: 'aad', claims })).toString('base64');
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof HttpError) return { status: error.status, code: error.code };
    throw error;
  }
  throw new Error('not refused');
};

describe('authenticateStaff', () => {
  it('knows an editor by the key', () => {
    expect(authenticateStaff(request({ authorization: `Bearer ${KEY}` }), settings)).toEqual({
      id: 'editor:Night editor',
      name: 'Night editor',
    });
  });

  it.each([
    ['no credential', {}, 401, 'staff-sign-in-required'],
    ['an unknown editor key', { authorization: 'Bearer nd_editor_someone-elses-key-0000000' }, 401, 'invalid-staff-key'],
    ["a client's API key", { 'x-api-key': 'nd_client-key' }, 403, 'staff-only'],
    [
      'a principal header without App Service authentication in front',
      {
        'x-ms-client-principal': principal([
          { typ: 'oid', val: 'u1' },
          { typ: 'roles', val: STAFF_ROLE },
        ]),
      },
      401,
      'staff-sign-in-required',
    ],
  ])('refuses %s', (_, headers, status, code) => {
    expect(refusal(() => authenticateStaff(request(headers), settings))).toEqual({ status, code });
  });

  describe('behind App Service authentication', () => {
    const easy = { ...settings, easyAuth: true };
    it('takes a signed-in user with the staff role', () => {
      const header = principal([
        { typ: 'http://schemas.microsoft.com/identity/claims/objectidentifier', val: 'oid-1' },
        { typ: 'name', val: 'Ada Editor' },
        { typ: 'roles', val: STAFF_ROLE },
      ]);
      expect(authenticateStaff(request({ 'x-ms-client-principal': header }), easy)).toEqual({ id: 'oid-1', name: 'Ada Editor' });
    });

    it('refuses a signed-in user without the role, and an unreadable principal', () => {
      const header = principal([
        { typ: 'oid', val: 'oid-2' },
        { typ: 'roles', val: 'Reader' },
      ]);
      expect(refusal(() => authenticateStaff(request({ 'x-ms-client-principal': header }), easy))).toEqual({
        status: 403,
        code: 'staff-role-required',
      });
      expect(refusal(() => authenticateStaff(request({ 'x-ms-client-principal': 'not base64 json' }), easy))).toEqual({
        status: 401,
        code: 'staff-sign-in-required',
      });
    });
  });
});
