import { describe, expect, it } from 'vitest';
import { replyForOversize, replyForStatus, replyForUnreachable } from './smtp-reply.js';

describe('replyForStatus', () => {
  it.each([
    [200, 250],
    [202, 250],
    [409, 250],
    [422, 250],
    [400, 554],
    [415, 554],
    [410, 554],
    [413, 552],
    [401, 451],
    [403, 250],
    [404, 451],
    [302, 451],
    [408, 451],
    [429, 451],
    [500, 451],
    [503, 451],
  ])('HTTP %i → SMTP %i', (status, code) => {
    const reply = replyForStatus(status, 'why', 'Newsdesk');
    expect(reply.code).toBe(code);
    // The enhanced status code's class matches the reply's.
    expect(reply.message[0]).toBe(String(code)[0]);
  });

  it('tells a bounced sender why, on one line', () => {
    expect(replyForStatus(400, 'Invalid body:\r\n from is required', 'Newsdesk').message).toBe(
      '5.6.0 Newsdesk refused the message (HTTP 400): Invalid body: from is required',
    );
  });

  it('refuses the sender (550) for a problem type the endpoint names a sender refusal, with the reason', () => {
    const refusals = ['sender-not-authenticated'];
    expect(
      replyForStatus(403, 'not authenticated', 'Newsdesk', 'https://newsdesk.dev/problems/sender-not-authenticated', refusals),
    ).toEqual({
      code: 550,
      message: '5.7.1 Newsdesk refused the sender (HTTP 403): not authenticated',
    });
    // Another 403 (unknown sender) is still the recorded answer.
    expect(replyForStatus(403, 'unknown', 'Newsdesk', 'https://newsdesk.dev/problems/unknown-sender', refusals).code).toBe(250);
  });
});

describe('other replies', () => {
  it('defers an unreachable endpoint and refuses an oversize message for good', () => {
    expect(replyForUnreachable('connect ECONNREFUSED 127.0.0.1:7071', 'Newsdesk')).toEqual({
      code: 451,
      message: '4.4.1 Newsdesk is unreachable (connect ECONNREFUSED 127.0.0.1:7071), try again later',
    });
    expect(replyForOversize(1000)).toEqual({ code: 552, message: '5.3.4 Message exceeds the fixed maximum message size of 1000 bytes' });
  });
});
