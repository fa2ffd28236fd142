import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngClaiming } from '../support/bad-media.js';
import { fixture, fixturePath } from '../support/fixtures.js';
import { startImageAnalysisDouble, type ImageAnalysisDouble } from '../support/image-analysis-double/image-analysis-double.js';
import { STACK_MASTER_KEY, startStack, type Stack } from '../support/newsdesk-stack.js';
import { ROOT } from '../support/root.js';

// The built `newsdesk` command as a person runs it (package.json's bin, bin/newsdesk.js, which runs dist/cli/main.js),
// against the stack as `npm start` runs it: photos and a big resumed upload followed to the end, assets downloaded,
// deliveries verified, the client's submissions watched and clients managed.
const MAIN = join(ROOT, 'bin/newsdesk.js');
const SECRET = `whsec_${randomBytes(32).toString('base64')}`;
let stack: Stack;
let classifier: ImageAnalysisDouble;
const scratch = mkdtempSync(join(tmpdir(), 'newsdesk-cli-'));

interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

interface Running {
  child: ChildProcess;
  /** What it has written so far. */
  output(): { stdout: string; stderr: string };
  done: Promise<Ran>;
}

/**
 * Starts `newsdesk ARGS` with the stack's URL and key in the environment (unless `env` overrides them), no config file,
 * and the scratch folder as its state folder (where upload resume records are kept).
 */
function launch(args: string[], env: Record<string, string> = {}, stdin?: string): Running {
  const child = spawn(process.execPath, [MAIN, ...args], {
    env: {
      PATH: process.env.PATH,
      XDG_CONFIG_HOME: scratch,
      XDG_STATE_HOME: scratch,
      NEWSDESK_URL: stack.url,
      NEWSDESK_API_KEY: stack.apiKey,
      ...env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdin!.end(stdin ?? '');
  const done = new Promise<Ran>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, output: () => ({ stdout, stderr }), done };
}

/** Runs `newsdesk ARGS` to its end (see launch). */
const newsdesk = (args: string[], env: Record<string, string> = {}, stdin?: string): Promise<Ran> => launch(args, env, stdin).done;

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

  // The largest fixture video (3.7 MB) in 4 KiB blocks: hundreds of them, so an interrupt lands mid-upload.
  const video = fixturePath('marathon-crowd.mkv');
  const bigUpload = (reference: string) => [
    'submit',
    video,
    '--reference',
    reference,
    '--upload-threshold',
    '1M',
    '--block-size',
    '4K',
    '--wait',
    '--json',
  ];
  const uploads = join(scratch, 'newsdesk', 'uploads');
  type Resumable = { sessionId: string; expiresAt: string; files: { blocks: number; staged: number[]; committed: boolean }[] };
  const recordFile = () => (existsSync(uploads) ? readdirSync(uploads).find((n) => n.endsWith('.json')) : undefined);
  const record = (): Resumable | undefined => {
    const name = recordFile();
    return name ? (JSON.parse(readFileSync(join(uploads, name), 'utf8')) as Resumable) : undefined;
  };
  /** Runs the command until its resume record lists 20 blocks staged, then interrupts it as Ctrl-C does. */
  async function interrupt(args: string[]): Promise<Resumable> {
    const first = launch(args);
    await expect.poll(() => record()?.files[0]!.staged.length ?? 0, { timeout: 30_000, interval: 5 }).toBeGreaterThanOrEqual(20);
    first.child.kill('SIGINT');
    expect(await first.done).toMatchObject({ signal: 'SIGINT', stdout: '' });
    const interrupted = record()!;
    expect(interrupted.files[0]!.staged.length).toBeLessThan(interrupted.files[0]!.blocks);
    expect(first.output().stderr).toContain(`Upload session ${interrupted.sessionId}: ${interrupted.files[0]!.blocks} blocks.`);
    return interrupted;
  }
  const submissionsWith = async (reference: string) => {
    const res = await fetch(`${stack.url}/api/submissions?limit=200`, { headers: { 'x-api-key': stack.apiKey } });
    return ((await res.json()) as { submissions: { reference: string | null }[] }).submissions.filter((s) => s.reference === reference);
  };

  it('a big upload interrupted with SIGINT resumes with the same command: only the missing blocks, one commit, one submission', async () => {
    const reference = `resume-${randomBytes(4).toString('hex')}`;
    const args = bigUpload(reference);
    const interrupted = await interrupt(args);
    const [{ blocks, staged }] = interrupted.files as [Resumable['files'][number]];

    const second = await newsdesk(args);
    expect(second.stderr).toContain(
      `Resuming upload session ${interrupted.sessionId}: ${staged.length} of ${blocks} blocks already uploaded.`,
    );
    expect(second.stderr).toContain(`Uploaded ${blocks - staged.length} blocks; committing the session.`);
    expect(second.code).toBe(0);
    const view = JSON.parse(second.stdout) as { submissionId: string; status: string; files: { sha256: string }[] };
    expect(view).toMatchObject({ submissionId: interrupted.sessionId, status: 'completed' });
    expect(view.files[0]!.sha256).toBe(createHash('sha256').update(readFileSync(video)).digest('hex'));
    expect(record()).toBeUndefined();
    const listed = (await (await fetch(`${stack.url}/api/submissions?limit=200`, { headers: { 'x-api-key': stack.apiKey } })).json()) as {
      submissions: { reference: string | null }[];
    };
    expect(listed.submissions.filter((s) => s.reference === reference)).toHaveLength(1);
    console.info(`resume: interrupted after ${staged.length} of ${blocks} blocks; the second run uploaded ${blocks - staged.length}`);
  }, 120_000);

  it('an upload session that expired is started over, saying so, and still makes one submission', async () => {
    const reference = `expired-${randomBytes(4).toString('hex')}`;
    const interrupted = await interrupt(bigUpload(reference));
    // As if the run had been interrupted long ago: the session's upload URLs are no longer valid.
    writeFileSync(join(uploads, recordFile()!), JSON.stringify({ ...interrupted, expiresAt: new Date(Date.now() - 1000).toISOString() }));
    const again = await newsdesk(bigUpload(reference));
    expect(again.stderr).toContain(`The upload session ${interrupted.sessionId} expired at`);
    expect(again.stderr).toContain('; starting over.');
    expect(again.code).toBe(0);
    const view = JSON.parse(again.stdout) as { submissionId: string; status: string };
    expect(view.submissionId).not.toBe(interrupted.sessionId);
    expect(view.status).toBe('completed');
    expect(await submissionsWith(reference)).toHaveLength(1);
  }, 120_000);

  it('watch shows a submission sent while it runs as it arrives and as it changes, and Ctrl-C ends it with 0', async () => {
    const watching = launch(['watch']);
    const json = launch(['watch', '--json']);
    for (const w of [watching, json]) {
      await expect.poll(() => w.output().stderr, { timeout: 10_000 }).toBe(`Watching submissions at ${stack.url} (Ctrl-C to stop)…\n`);
    }
    const reference = `watch-${randomBytes(4).toString('hex')}`;
    const form = new FormData();
    form.append('webhookUrl', stack.inboxUrl);
    form.append('reference', reference);
    form.append('file', new Blob([new Uint8Array(fixture('runners-race.jpg'))]), 'runners-race.jpg');
    const posted = await fetch(`${stack.url}/api/submissions`, { method: 'POST', headers: { 'x-api-key': stack.apiKey }, body: form });
    expect(posted.status).toBe(202);
    const { submissionId } = (await posted.json()) as { submissionId: string };

    // The feed may replay rows of the tests before (changed just before it started): only this submission's count.
    const mine = () =>
      watching
        .output()
        .stdout.split('\n')
        .filter((l) => l.includes(` ${submissionId} `));
    const line = (status: string, done: string) =>
      new RegExp(`^\\d\\d:\\d\\d:\\d\\d {2}${status} +${submissionId} {2}${reference} {2}${done}/1 {2}\\S.*$`);
    // Live: a line as soon as the feed (polled every 400 ms) sees it, then one as it changes, up to its end. A photo can
    // now be analysed within one poll, so the first line may already show the file done, or the submission completed.
    await expect.poll(() => mine().length, { timeout: 10_000, interval: 50 }).toBeGreaterThan(0);
    expect(mine()[0]).toMatch(line('(received|processing|completed)', '[01]'));
    await expect.poll(() => mine().at(-1), { timeout: 30_000, interval: 100 }).toMatch(line('completed', '1'));
    expect(mine().at(-1)).toMatch(/ {2}done: the file was analysed$/);
    await expect
      .poll(
        () =>
          json
            .output()
            .stdout.split('\n')
            .filter((l) => l.includes(submissionId))
            .at(-1),
        { timeout: 5_000 },
      )
      .toContain('"status":"completed"');

    for (const w of [watching, json]) w.child.kill('SIGINT');
    const [ended, endedJson] = await Promise.all([watching.done, json.done]);
    expect(ended).toMatchObject({ code: 0, signal: null });
    expect(endedJson).toMatchObject({ code: 0, signal: null });
    // --json: every line a row of the feed; this submission's rows, in order, up to completed (a photo analysed within
    // one poll of the feed may show only that last row).
    const rows = endedJson.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { submissionId: string; status: string; reference: string; done: number; fileCount: number })
      .filter((r) => r.submissionId === submissionId);
    expect(rows[0]).toMatchObject({ reference, fileCount: 1 });
    expect(rows.map((r) => r.done)).toEqual([...rows.map((r) => r.done)].sort((a, b) => a - b));
    expect(rows.at(-1)).toMatchObject({ status: 'completed', done: 1, fileCount: 1 });
  });

  it('clients add, list, rotate-key and rotate-secret go to the admin API with the admin key, printing each new credential', async () => {
    const admin = { NEWSDESK_ADMIN_KEY: STACK_MASTER_KEY };
    const added = await newsdesk(['clients', 'add', '--name', 'CLI test desk', '--rate-limit', '120'], admin);
    expect(added).toMatchObject({ code: 0, stderr: 'Shown this once: store it now.\n' });
    const [head, keyLine, secretLine] = added.stdout.trimEnd().split('\n');
    const clientId = /^Client (\S+) \(CLI test desk\)$/.exec(head!)?.[1];
    const apiKey = /^API key: +(\S+)$/.exec(keyLine!)?.[1];
    expect(secretLine).toMatch(/^Webhook secret: +whsec_\S+$/);
    const works = async (key: string) => (await fetch(`${stack.url}/api/submissions`, { headers: { 'x-api-key': key } })).status;
    expect(await works(apiKey!)).toBe(200);

    const list = await newsdesk(['clients', 'list'], admin);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`^${clientId} {2}CLI test desk {2}.* 1 key\\(s\\) {2}120/min$`, 'm'));

    const rotated = await newsdesk(['clients', 'rotate-key', clientId!, '--json'], admin);
    const { apiKey: newKey } = JSON.parse(rotated.stdout) as { apiKey: string };
    expect(newKey).not.toBe(apiKey);
    expect(await works(newKey)).toBe(200);
    const secret = await newsdesk(['clients', 'rotate-secret', clientId!], admin);
    expect(secret).toMatchObject({ code: 0 });
    expect(secret.stdout).toMatch(/^Webhook secret: whsec_\S+\nDeliveries are signed with the previous one too until \S+\.\n$/);

    const refused = await newsdesk(['clients', 'list', '--admin-key', 'not-the-admin-key']);
    expect(refused).toMatchObject({ code: 1, stdout: '', stderr: 'newsdesk: Invalid admin key: The admin key is not valid.\n' });
  });

  it.each([
    ['an unknown flag', ['submit', '--bogus', 'x.jpg'], {}],
    ['a priority not offered', ['submit', '--priority', 'asap', 'x.jpg'], {}],
    ['metadata that is not a JSON object', ['submit', '--metadata', '[1]', 'x.jpg'], {}],
    ['a wrong API key', ['status', 's0000'], { NEWSDESK_API_KEY: 'wrong-key' }],
    ['an unknown submission', ['status', 's0000'], {}],
    ['a block size that is not a size', ['submit', 'x.jpg', '--block-size', '4x'], {}],
    ['clients without an admin key', ['clients', 'list'], {}],
  ])('%s exits 1 with one line on stderr and nothing on stdout', async (_, args, env) => {
    const ran = await newsdesk(args, env);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toBe('');
    expect(ran.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(ran.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
});
