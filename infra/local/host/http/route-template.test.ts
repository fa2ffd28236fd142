import { describe, expect, it } from 'vitest';
import { compileRoute } from './route-template.js';

describe('route templates', () => {
  it('matches literals case-insensitively and captures parameters', () => {
    expect(compileRoute('api/submissions/{id}').match('/API/Submissions/abc')).toEqual({ id: 'abc' });
    expect(compileRoute('api/submissions/{id}').match('/api/submissions')).toBeUndefined();
    expect(compileRoute('api/submissions/{id}').match('/api/submissions/a/b')).toBeUndefined();
  });

  it('applies constraints, optional last parameters and catch-alls', () => {
    expect(compileRoute('api/n/{n:int}').match('/api/n/12')).toEqual({ n: '12' });
    expect(compileRoute('api/n/{n:int}').match('/api/n/x')).toBeUndefined();
    expect(compileRoute('api/o/{id?}').match('/api/o')).toEqual({});
    expect(compileRoute('api/f/{*path}').match('/api/f/a/b%20c')).toEqual({ path: 'a/b c' });
  });

  it('ranks literal segments above parameters above catch-alls', () => {
    const literal = compileRoute('api/submissions/email').specificity;
    const param = compileRoute('api/submissions/{id}').specificity;
    const catchAll = compileRoute('api/submissions/{*rest}').specificity;
    expect(literal).toBeGreaterThan(param);
    expect(param).toBeGreaterThan(catchAll);
  });

  it('rejects malformed templates and unknown constraints', () => {
    expect(() => compileRoute('api/{id')).toThrow(/Invalid route template/);
    expect(() => compileRoute('api/{id:color}')).toThrow(/unknown constraint 'color'/);
  });
});
