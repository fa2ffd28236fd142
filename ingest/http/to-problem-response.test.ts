import { HttpResponse } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { UrlRejected } from '../../lib/net/url-rejected.js';
import { HttpError } from './http-error.js';
import { toProblemResponse } from './to-problem-response.js';

/** What the client actually receives: the init run through the Functions library's own response. */
async function received(error: unknown, instance?: string) {
  const response = new HttpResponse(toProblemResponse(error, instance));
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

/** Asserts the client receives exactly `body` as problem details, with its status; returns the rest for more checks. */
async function expectProblem(error: unknown, instance: string | undefined, body: Record<string, unknown>) {
  const response = await received(error, instance);
  expect(response.status).toBe(body.status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  expect(response.body).toEqual(body);
  return response;
}

describe('toProblemResponse', () => {
  it('turns an HttpError into problem details with its extensions and headers', async () => {
    const error = new HttpError(
      429,
      'rate-limited',
      'Too many requests',
      'Try again in 3 seconds.',
      { retryAfterSeconds: 3 },
      {
        'Retry-After': '3',
      },
    );
    const { headers } = await expectProblem(error, '/api/submissions', {
      type: 'https://newsdesk.dev/problems/rate-limited',
      title: 'Too many requests',
      status: 429,
      detail: 'Try again in 3 seconds.',
      instance: '/api/submissions',
      retryAfterSeconds: 3,
    });
    expect(headers.get('retry-after')).toBe('3');
  });

  it("answers the SSRF guard's UrlRejected with 422 invalid-webhook-url, saying why", async () => {
    const { status, body } = await received(new UrlRejected('its host 10.0.0.1 is not a public address (private)'), '/api/submissions');
    expect(status).toBe(422);
    expect(body).toEqual({
      type: 'https://newsdesk.dev/problems/invalid-webhook-url',
      title: 'Invalid webhook URL',
      status: 422,
      detail: 'The webhook URL is rejected: its host 10.0.0.1 is not a public address (private).',
      instance: '/api/submissions',
    });
  });

  it('leaves out detail and instance when there are none', async () => {
    await expectProblem(new HttpError(404, 'not-found', 'Not found'), undefined, {
      type: 'https://newsdesk.dev/problems/not-found',
      title: 'Not found',
      status: 404,
    });
  });

  it('does not let extensions or headers change the standard members or the content type', async () => {
    const error = new HttpError(
      400,
      'bad',
      'Bad',
      'detail',
      { status: 200, type: 'x', title: 'y', instance: 'z', field: 'a' },
      {
        'Content-Type': 'text/html',
      },
    );
    await expectProblem(error, undefined, {
      type: 'https://newsdesk.dev/problems/bad',
      title: 'Bad',
      status: 400,
      detail: 'detail',
      field: 'a',
    });
  });

  it('maps an error that carries a 4xx status and code, with its message as the detail', async () => {
    const error = Object.assign(new Error('The file is larger than 2 GiB.'), { status: 413, code: 'file-too-large', limit: 'secret' });
    await expectProblem(error, '/api/submissions/abc', {
      type: 'https://newsdesk.dev/problems/file-too-large',
      title: 'Payload Too Large',
      status: 413,
      detail: 'The file is larger than 2 GiB.',
      instance: '/api/submissions/abc',
    });
  });

  it.each([
    ['an Error', new Error('connect ECONNREFUSED 10.0.0.4:10000 AccountKey=abc')],
    ['a 5xx error with a code', Object.assign(new Error('db password=hunter2'), { status: 503, code: 'db-down' })],
    ['a status that is a string', Object.assign(new Error('leak'), { status: '400', code: 'bad' })],
    ['a status without a code', Object.assign(new Error('leak'), { status: 400 })],
    ['a Node system error (string code, no status)', Object.assign(new Error('leak /etc/secret'), { code: 'ENOENT' })],
    ['a string', 'leak'],
    ['null', null],
    ['undefined', undefined],
  ])('answers 500 and reveals nothing for %s', async (_, error) => {
    const { body } = await expectProblem(error, '/api/x', {
      type: 'https://newsdesk.dev/problems/internal-error',
      title: 'Internal Server Error',
      status: 500,
      detail: 'An unexpected error occurred. It has been logged.',
      instance: '/api/x',
    });
    const text = JSON.stringify(body);
    for (const secret of ['ECONNREFUSED', 'AccountKey', 'hunter2', 'leak', 'stack', 'at ']) expect(text).not.toContain(secret);
  });

  it.each([
    ['refused', { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 10.0.0.4:10000 AccountKey=abc' }],
    ['timed out', { code: 'ETIMEDOUT', message: 'storage sent nothing for 30000 ms' }],
    ['answering 503', { statusCode: 503, message: 'ServerBusy https://acct.blob.core.windows.net/incoming' }],
  ])('answers 503 with Retry-After, and reveals nothing, when storage is %s', async (_, fields) => {
    const error = Object.assign(new Error(fields.message), { name: 'RestError' }, fields);
    const { headers, body } = await expectProblem(error, '/api/submissions', {
      type: 'https://newsdesk.dev/problems/service-unavailable',
      title: 'Service Unavailable',
      status: 503,
      detail:
        'Newsdesk cannot reach its storage right now; this request was not accepted. Send it again after Retry-After ' +
        '(with the same Idempotency-Key: it will not create a second submission).',
      instance: '/api/submissions',
      retryAfterSeconds: 10,
    });
    expect(headers.get('retry-after')).toBe('10');
    for (const secret of ['10.0.0.4', 'AccountKey', 'core.windows.net']) expect(JSON.stringify(body)).not.toContain(secret);
  });
});
