import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngClaiming } from '../support/bad-media.js';
import { fixture, fixturePath } from '../support/fixtures.js';
import { startImageAnalysisDouble, type ImageAnalysisDouble } from '../support/image-analysis-double/image-analysis-double.js';
import { startStack, type Stack } from '../support/newsdesk-stack.js';
import { ROOT } from '../support/root.js';

// The built `newsdesk` command (dist/cli/main.js, npm run build) as a person runs it, against the stack as `npm start`
// runs it: a photo submitted and followed to the end, its assets downloaded, its delivery verified.
const MAIN = join(ROOT, 'dist/cli/main.js');
const SECRET = `whsec_${randomBytes(32).toString('base64')}`;
let stack: Stack;
let classifier: ImageAnalysisDouble;
const scratch = mkdtempSync(join(tmpdir(), 'newsdesk-cli-'));

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `newsdesk ARGS` with the stack's URL and key in the environment (unless `env` overrides them), and no config file. */
function newsdesk(args: string[], env: Record<string, string> = {}, stdin?: string): Promise<Ran> {
  const child = spawn(process.execPath, [MAIN, ...args], {
    env: { PATH: process.env.PATH, XDG_CONFIG_HOME: scratch, NEWSDESK_URL: stack.url, NEWSDESK_API_KEY: stack.apiKey, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdin.end(stdin ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  classifier = await startImageAnalysisDouble();
  stack = await startStack({
    NEWSDESK_DEV_WEBHOOK_SECRET: SECRET,
    NEWSDESK_WORKERS_MIN: '1',
    NEWSDESK_WORKERS_MAX: '1',
    NEWSDESK_CLASSIFIER_ENDPOINT: classifier.endpoint,
    NEWSDESK_CLASSIFIER_KEY: classifier.key,
  });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  await classifier?.close();
});

describe('newsdesk', () => {
  let submissionId: string;

  it('submit --wait --json follows a photo to the end: exit 0, and only the final view, with its labels, on stdout', async () => {
    const ran = await newsdesk(['submit', fixturePath('dog-bicycle-truck.jpg'), '--reference', 'story-42', '--wait', '--json']);
    expect(ran.stderr).toContain('completed');
    expect(ran.code).toBe(0);
    const view = JSON.parse(ran.stdout) as {
      submissionId: string;
      status: string;
      reference: string;
      files: { analysis: { tags: string[] } }[];
    };
    expect(view).toMatchObject({ status: 'completed', reference: 'story-42' });
    expect(view.files[0]!.analysis.tags.length).toBeGreaterThan(0);
    submissionId = view.submissionId;
  });

  it('submit --wait exits 2 when a file fails, printing the submission for people on stdout', async () => {
    const bad = join(scratch, 'huge.png');
    writeFileSync(bad, await pngClaiming(100_000, 100_000));
    const ran = await newsdesk(['submit', fixturePath('dog-bicycle-truck.jpg'), bad, '--wait']);
    expect(ran.code).toBe(2);
    const [head, ...files] = ran.stdout.trimEnd().split('\n');
    expect(head).toMatch(/^s\S+ {2}partial {2}2\/2 files$/);
    expect(files).toEqual([
      expect.stringMatching(/dog-bicycle-truck\.jpg {2}completed {2}\[.+\]$/),
      expect.stringMatching(/huge\.png {2}failed {2}.+/),
    ]);
  });

  it('results --download saves every asset of every file', async () => {
    const dir = join(scratch, 'results');
    const ran = await newsdesk(['results', submissionId, '--download', dir]);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    const status = await newsdesk(['status', submissionId, '--json']);
    const file = (JSON.parse(status.stdout) as { files: { fileId: string; links: Record<string, string> }[] }).files[0]!;
    // A photo's links: its original, analysis.json and two thumbnails, each saved under its asset name and real type.
    expect(Object.keys(file.links).sort()).toEqual(['analysis', 'original', 'thumbnail1280', 'thumbnail320']);
    const saved = readdirSync(join(dir, file.fileId)).sort();
    expect(saved).toEqual(['analysis.json', 'original.jpg', 'thumbnail-1280.webp', 'thumbnail-320.webp']);
    for (const name of saved) expect(statSync(join(dir, file.fileId, name)).size).toBeGreaterThan(0);
    expect(readFileSync(join(dir, file.fileId, 'original.jpg')).equals(fixture('dog-bicycle-truck.jpg'))).toBe(true);
    expect(ran.stdout.trim().split('\n')).toHaveLength(saved.length);
  });

  it('verify accepts a real delivery from the inbox and refuses a tampered one', async () => {
    type Delivery = { body: { submissionId?: string; status?: string } };
    let delivery: Delivery | undefined;
    await expect
      .poll(
        async () => {
          const all = (await (await fetch(stack.inboxUrl)).json()) as Delivery[];
          delivery = all.find((d) => d.body.submissionId === submissionId);
          return delivery !== undefined;
        },
        { timeout: 30_000, interval: 250 },
      )
      .toBe(true);
    const saved = join(scratch, 'delivery.json');
    writeFileSync(saved, JSON.stringify(delivery));
    expect(await newsdesk(['verify', '--secret', SECRET, saved])).toMatchObject({ code: 0, stdout: 'valid\n' });
    // From stdin too, as a pipe from curl gives it.
    expect(await newsdesk(['verify', '--secret', SECRET], {}, JSON.stringify(delivery))).toMatchObject({ code: 0, stdout: 'valid\n' });
    const tampered = { ...delivery, body: { ...delivery!.body, status: 'failed' } };
    expect(await newsdesk(['verify', '--secret', SECRET], {}, JSON.stringify(tampered))).toMatchObject({ code: 1, stdout: 'invalid\n' });
    expect(await newsdesk(['verify', '--secret', 'whsec_wrong', saved])).toMatchObject({ code: 1, stdout: 'invalid\n' });
  });

  it.each([
    ['an unknown flag', ['submit', '--bogus', 'x.jpg'], {}],
    ['a priority not offered', ['submit', '--priority', 'asap', 'x.jpg'], {}],
    ['metadata that is not a JSON object', ['submit', '--metadata', '[1]', 'x.jpg'], {}],
    ['a wrong API key', ['status', 's0000'], { NEWSDESK_API_KEY: 'wrong-key' }],
    ['an unknown submission', ['status', 's0000'], {}],
  ])('%s exits 1 with one line on stderr and nothing on stdout', async (_, args, env) => {
    const ran = await newsdesk(args, env);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toBe('');
    expect(ran.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(ran.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
});
