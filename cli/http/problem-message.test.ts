import { describe, expect, it } from 'vitest';
import { CliError } from '../cli-error.js';
import { errorLine } from '../error-line.js';
import { problemMessage } from './problem-message.js';

describe('problemMessage', () => {
  it("is a problem's title and detail", () => {
    const problem = JSON.stringify({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'The API key is not valid.' });
    expect(problemMessage(401, 'application/problem+json', problem)).toBe('Unauthorized: The API key is not valid.');
    expect(problemMessage(404, 'application/problem+json', '{"title":"Not found","status":404}')).toBe('Not found');
  });

  it('falls back to the status and the start of any other answer', () => {
    expect(problemMessage(502, 'text/html', '<html><body><h1>Bad gateway</h1></body></html>')).toBe('HTTP 502: Bad gateway');
    expect(problemMessage(500, 'application/json', '{broken')).toBe('HTTP 500: {broken');
    expect(problemMessage(503, null, '')).toBe('HTTP 503');
    expect(problemMessage(500, 'text/plain', 'x'.repeat(1000))).toHaveLength('HTTP 500: '.length + 200);
  });
});

describe('errorLine', () => {
  it('is one line, prefixed with the program, for our errors and for anything else', () => {
    expect(errorLine(new CliError('Not found: no such\nsubmission.'))).toBe('newsdesk: Not found: no such submission.');
    expect(errorLine(new RangeError('bad\r\n  range'))).toBe('newsdesk: Unexpected error: bad range');
    expect(errorLine('thrown text')).toBe('newsdesk: thrown text');
  });
});
