import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { clientReason } from './client-reason.js';

describe('clientReason', () => {
  it('leaves a plain reason as it is', () => {
    expect(clientReason('corrupt: jpeg image is damaged')).toBe('corrupt: jpeg image is damaged');
    expect(clientReason('unsupported-format: image/heic 1/2 decoded')).toBe('unsupported-format: image/heic 1/2 decoded');
  });

  it('takes out server paths, keeping the file name', () => {
    expect(clientReason('spawn /opt/newsdesk/node_modules/@ffprobe-installer/linux-x64/ffprobe EACCES')).toBe('spawn ffprobe EACCES');
    expect(clientReason("ENOENT: no such file or directory, open '/tmp/newsdesk-video-x1/original'")).toBe(
      "ENOENT: no such file or directory, open 'original'",
    );
    expect(clientReason('cannot read C:\\newsdesk\\tmp\\clip.mp4')).toBe('cannot read clip.mp4');
  });

  it('takes out stack traces', () => {
    const error = new Error('decoder crashed');
    expect(clientReason(error.stack!)).toBe('Error: decoder crashed');
  });

  it('takes out host names, addresses and URLs', () => {
    expect(clientReason(`worker ${hostname()} ran out of disk`)).toBe('worker <host> ran out of disk');
    expect(clientReason('connect ECONNREFUSED 10.1.2.3:443')).toBe('connect ECONNREFUSED <host>');
    expect(clientReason('getaddrinfo ENOTFOUND vision.internal.example')).toBe('getaddrinfo ENOTFOUND <host>');
    expect(clientReason('classifier at http://127.0.0.1:4000 answered 302 redirecting to https://evil.example/x')).toBe(
      'classifier at <host> answered 302 redirecting to <host>',
    );
  });

  it('always says something', () => {
    expect(clientReason('    at Object.<anonymous> (/srv/app/x.js:1:1)')).toBe('the analysis failed');
  });
});
