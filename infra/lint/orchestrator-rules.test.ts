import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function problems(code: string, filePath = 'orchestrator/orchestrations/sample.ts'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the determinism lint rule for orchestrator files', () => {
  it.each([
    ['Date.now()', 'export const f = () => Date.now();\n', /currentUtcDateTime/],
    ['new Date()', 'export const f = () => new Date();\n', /currentUtcDateTime/],
    ['Math.random()', 'export const f = () => Math.random();\n', /newGuid/],
    ['a Node built-in', "import { readFileSync } from 'node:fs';\nexport const f = () => readFileSync('x');\n", /Node built-ins/],
    ['an I/O client', "import { BlobServiceClient } from '@azure/storage-blob';\nexport const f = () => BlobServiceClient;\n", /I\/O/],
    ['fetch', "export const f = () => fetch('http://x');\n", /not replay-safe/],
    ['setTimeout', 'export const f = () => setTimeout(() => 0, 1);\n', /not replay-safe/],
    ['process.env', 'export const f = () => process.env.X;\n', /input/],
    ['await', 'export async function f(p: Promise<number>) {\n  return await p;\n}\n', /yield durable tasks/],
  ])('rejects %s', async (_name, code, message) => {
    expect((await problems(code)).join('\n')).toMatch(message);
  });

  it('accepts an orchestrator that uses the durable context', async () => {
    const code = [
      "import type { OrchestrationContext } from 'durable-functions';",
      'export function* orchestrate(context: OrchestrationContext) {',
      '  const at = new Date(context.df.currentUtcDateTime.getTime() + 1000);',
      '  yield context.df.createTimer(at);',
      '  return Math.max(1, 2);',
      '}',
      '',
    ].join('\n');
    expect(await problems(code)).toEqual([]);
  });

  it('does not apply outside orchestrations', async () => {
    expect(await problems('export const f = () => Date.now();\n', 'workers/clock.ts')).toEqual([]);
  });

  it('keeps the app from importing the local platform', async () => {
    const code = "import { startHost } from '../infra/local/host/host.js';\nexport const f = startHost;\n";
    expect((await problems(code, 'ingest/submit.ts')).join('\n')).toMatch(/must not import infra\/local/);
    const byName = "import { startHost } from '@newsdesk/local-platform/host';\nexport const f = startHost;\n";
    expect((await problems(byName, 'workers/start.ts')).join('\n')).toMatch(
      /must not import @newsdesk\/local-platform \(the local platform\)/,
    );
  });

  it("keeps Newsdesk's stack on the platform's public entry points", async () => {
    const code = "import { startHost } from '../local/host/host.js';\nexport const f = startHost;\n";
    expect((await problems(code, 'infra/stack/start.ts')).join('\n')).toMatch(/public entry points/);
    const byName = "import { startHost } from '@newsdesk/local-platform';\nexport const f = startHost;\n";
    expect(await problems(byName, 'infra/stack/start.ts')).toEqual([]);
  });
});
