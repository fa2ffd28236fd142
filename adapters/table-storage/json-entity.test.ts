import { describe, expect, it } from 'vitest';
import { packJson, unpackJson } from './json-entity.js';

describe('JSON documents in table entities', () => {
  it('round-trips non-ASCII text as ASCII properties of at most 30,000 characters', () => {
    const value = { caption: 'Zürich 📷 Ελλάδα '.repeat(5000), n: 1 };
    const doc = packJson(value);
    const parts = Object.entries(doc)
      .filter(([k]) => k.startsWith('json'))
      .map(([, v]) => v as string);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(30_000);
      expect([...part].every((c) => c.charCodeAt(0) < 0x7f)).toBe(true);
    }
    expect(unpackJson(doc)).toEqual(value);
  });

  it('reads documents written without a part count', () => {
    expect(unpackJson({ json: '{"a":1}' })).toEqual({ a: 1 });
    expect(unpackJson({ json0: '{"a":', json1: '2}' })).toEqual({ a: 2 });
  });

  it('refuses a document too large for one entity', () => {
    expect(() => packJson({ s: 'x'.repeat(500_000) })).toThrow(/too large/);
  });
});
