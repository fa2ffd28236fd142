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

  it('matches a catch-all against no segment at all, as Azure does (`desk/{*path}` serves `/api/desk` and `/api/desk/`)', () => {
    const desk = compileRoute('api/desk/{*path}');
    expect(desk.match('/api/desk')).toEqual({ path: '' });
    expect(desk.match('/api/desk/')).toEqual({ path: '' });
    expect(desk.match('/api/desk/assets/index-1.js')).toEqual({ path: 'assets/index-1.js' });
    expect(desk.match('/api/desks')).toBeUndefined();
  });

  it('decodes segments as ASP.NET Core does: an encoded slash stays encoded, a malformed escape stays as written', () => {
    const files = compileRoute('api/f/{*path}');
    expect(files.match('/api/f/..%2F..%2Fsecret')).toEqual({ path: '..%2F..%2Fsecret' });
    expect(files.match('/api/f/a%2fb/%C3%A9')).toEqual({ path: 'a%2fb/é' });
    expect(files.match('/api/f/%E0%A4%A/x%zz')).toEqual({ path: '%E0%A4%A/x%zz' });
    expect(compileRoute('api/s/{id}').match('/api/s/%ZZ%41')).toEqual({ id: '%ZZA' });
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
