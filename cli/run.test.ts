import { createHmac } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIo } from './io.js';
import { run } from './run.js';

/** Runs the program in process, keeping what it writes. */
async function newsdesk(args: string[], env: Record<string, string> = {}, stdin = '') {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    env: { XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'newsdesk-run-')), ...env },
    home: '/nonexistent-home',
    out: (text) => void (stdout += text),
    err: (text) => void (stderr += text),
    progress: new Writable({ write: (_chunk, _encoding, done) => done() }),
    stdin: Readable.from([stdin]),
    interrupted: () => new AbortController().signal,
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}

const oneLine = (text: string) => expect(text.trimEnd().split('\n')).toHaveLength(1);

describe('newsdesk arguments', () => {
  it.each([
    'submit',
    'status',
    'watch',
    'cancel',
    'deliveries',
    'results',
    'verify',
    'clients',
    'clients add',
    'clients list',
    'clients rotate-key',
    'clients rotate-secret',
  ])('%s --help shows an example and exits 0', async (command) => {
    const ran = await newsdesk([...command.split(' '), '--help']);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(new RegExp(`Example:\\n {2}\\$ .*newsdesk ${command}`));
  });

  it.each([
    ['an unknown command', ['fly']],
    ['an unknown flag', ['status', 's1', '--bogus']],
    ['a missing argument', ['status']],
    ['a priority not offered', ['submit', 'a.jpg', '--priority', 'asap']],
    ['metadata that is not JSON', ['submit', 'a.jpg', '--metadata', '{desk']],
    ['metadata that is not an object', ['submit', 'a.jpg', '--metadata', '[1]']],
    ['verify without --secret', ['verify', 'delivery.json']],
    ['a tolerance that is not whole seconds', ['verify', '--secret', 's', '--tolerance', '1.5']],
    ['an upload threshold that is not a size', ['submit', 'a.jpg', '--upload-threshold', 'big']],
    ['a block size under 1K', ['submit', 'a.jpg', '--block-size', '100']],
    ['clients add without a name', ['clients', 'add']],
    ['clients rotate-key without a client', ['clients', 'rotate-key']],
  ])('%s exits 1 with one line on stderr', async (_, args) => {
    const ran = await newsdesk(args, { NEWSDESK_API_KEY: 'k' });
    expect(ran.code).toBe(1);
    expect(ran.stdout).toBe('');
    oneLine(ran.stderr);
  });

  it('refuses a command that needs the API without a key, naming where a key comes from', async () => {
    const ran = await newsdesk(['status', 's1']);
    expect(ran).toMatchObject({ code: 1, stdout: '' });
    expect(ran.stderr).toBe('newsdesk: No API key: pass --api-key, set NEWSDESK_API_KEY, or put "apiKey" in the config file.\n');
  });

  it('refuses clients commands without an admin key, naming where one comes from', async () => {
    expect(await newsdesk(['clients', 'list'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'newsdesk: No admin key: pass --admin-key, set NEWSDESK_ADMIN_KEY, or put "adminKey" in the config file.\n',
    });
  });

  it('reports an API it cannot reach on one line, without a stack trace', async () => {
    const server = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const ran = await newsdesk(['status', 's1', '--url', `http://127.0.0.1:${port}`, '--api-key', 'k']);
    expect(ran).toMatchObject({ code: 1, stdout: '', stderr: `newsdesk: Cannot reach http://127.0.0.1:${port}: ECONNREFUSED\n` });
  });

  it('refuses a file that is not there before sending anything', async () => {
    const ran = await newsdesk(['submit', '/nonexistent/photo.jpg', '--url', 'http://127.0.0.1:9', '--api-key', 'k']);
    expect(ran).toMatchObject({ code: 1, stderr: 'newsdesk: /nonexistent/photo.jpg is not a file.\n' });
  });
});

describe('newsdesk verify', () => {
  const secret = 'whsec_unit';
  const body = '{"submissionId":"s1","status":"completed"}';
  const t = Math.floor(Date.now() / 1000);
  const signature = `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
  const delivery = { headers: { 'newsdesk-signature': signature }, body: JSON.parse(body) as unknown };

  it('says valid (exit 0) for a signed delivery in a file, and invalid (exit 1) for a changed one on stdin', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'newsdesk-verify-')), 'delivery.json');
    writeFileSync(file, JSON.stringify(delivery));
    expect(await newsdesk(['verify', '--secret', secret, file])).toEqual({ code: 0, stdout: 'valid\n', stderr: '' });
    const changed = JSON.stringify({ ...delivery, body: { submissionId: 's1', status: 'failed' } });
    expect(await newsdesk(['verify', '--secret', secret], {}, changed)).toEqual({ code: 1, stdout: 'invalid\n', stderr: '' });
  });

  it('explains input that is not a delivery', async () => {
    expect(await newsdesk(['verify', '--secret', secret], {}, 'not json')).toMatchObject({
      code: 1,
      stderr: 'newsdesk: stdin is not JSON: a delivery is {"headers": …, "body": …}.\n',
    });
    expect(await newsdesk(['verify', '--secret', secret], {}, '{"body":{}}')).toMatchObject({
      code: 1,
      stderr: 'newsdesk: A delivery is a JSON object with "headers" and "body".\n',
    });
  });
});
