import { describe, expect, it } from 'vitest';
import { Api } from '../http/api.js';
import { resumeKey } from './resume-key.js';

describe('resumeKey', () => {
  const api = new Api('http://127.0.0.1:7071', { header: 'x-api-key', value: 'key-1' });
  const file = { path: 'clip.mp4', size: 100, mtimeMs: 1 };
  const key = resumeKey(api, { reference: 'r' }, [file]);

  it('is the same for the same command on the same files', () => {
    expect(resumeKey(api, { reference: 'r' }, [{ ...file }])).toBe(key);
  });

  it.each([
    ['another key', resumeKey(new Api('http://127.0.0.1:7071', { header: 'x-api-key', value: 'key-2' }), { reference: 'r' }, [file])],
    ['another API', resumeKey(new Api('http://127.0.0.1:7072', { header: 'x-api-key', value: 'key-1' }), { reference: 'r' }, [file])],
    ['another field', resumeKey(api, { reference: 's' }, [file])],
    ['a changed file', resumeKey(api, { reference: 'r' }, [{ ...file, mtimeMs: 2 }])],
    ['a file of another size', resumeKey(api, { reference: 'r' }, [{ ...file, size: 101 }])],
    ['another file', resumeKey(api, { reference: 'r' }, [{ ...file, path: 'other.mp4' }])],
  ])('differs for %s', (_what, other) => {
    expect(other).not.toBe(key);
  });
});
