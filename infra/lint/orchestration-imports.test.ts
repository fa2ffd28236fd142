import { ESLint, RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { orchestrationImportsRule } from './orchestration-imports-rule.js';

// RuleTester runs its cases through these hooks; its typings omit the static slots it reads them from.
Object.assign(RuleTester, { afterAll });
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it;

const root = '/repo';
const file = `${root}/orchestrator/orchestrations/analyze-file.ts`;
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });
const at = (code: string, options: object = {}) => ({ code, filename: file, options: [{ root, ...options }] });
const valueImport = /Orchestrations import only types and names: '\.\.\/activities\/enqueue-analysis\.js' is activity code/;

tester.run('newsdesk/orchestration-imports', orchestrationImportsRule, {
  valid: [
    at("import type { EnqueueAnalysisInput } from '../activities/enqueue-analysis.js';"),
    at("import { type EnqueueAnalysisInput } from '../activities/enqueue-analysis.js';"),
    at("export type { EnqueueAnalysisInput } from '../activities/enqueue-analysis.js';"),
    at("type Input = import('../activities/enqueue-analysis.js').EnqueueAnalysisInput;"),
    // The one module of names and input types.
    at("import { ACTIVITY } from '../activities/catalog.js';"),
    at("import { ACTIVITY } from '../../contracts/activities/names.js';"),
    at("import { ACTIVITY } from '../activity-names.js';", { allow: ['orchestrator/activity-names.ts'] }),
    // Not activities: the orchestration's own helpers, packages.
    at("import { settings } from './pipeline-settings.js';\nimport * as df from 'durable-functions';"),
  ],
  invalid: [
    { ...at("import { ENQUEUE_ANALYSIS } from '../activities/enqueue-analysis.js';"), errors: [{ message: valueImport }] },
    {
      ...at("import { ENQUEUE_ANALYSIS, type EnqueueAnalysisInput } from '../activities/enqueue-analysis.js';"),
      errors: [{ message: valueImport }],
    },
    { ...at("import '../activities/enqueue-analysis.js';"), errors: [{ message: valueImport }] },
    { ...at("export { ENQUEUE_ANALYSIS } from '../activities/enqueue-analysis.js';"), errors: [{ message: valueImport }] },
    // Only the configured module is allowed: once `allow` names it, the default catalog.ts is no exception.
    {
      ...at("import { ACTIVITY } from '../activities/catalog.js';", { allow: ['orchestrator/activity-names.ts'] }),
      errors: [{ message: /'\.\.\/activities\/catalog\.js' is activity code\. Take the name from orchestrator\/activity-names\.ts/ }],
    },
  ],
});

describe('eslint.config.js', () => {
  const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });
  const rulesAt = async (code: string, filePath: string) => {
    const [result] = await eslint.lintText(code, { filePath });
    return (result?.messages ?? []).map((m) => m.ruleId);
  };

  it('applies the activity rule to orchestration files only', async () => {
    const code = "import { ENQUEUE_ANALYSIS } from '../activities/enqueue-analysis.js';\nexport const name = ENQUEUE_ANALYSIS;\n";
    expect(await rulesAt(code, 'orchestrator/orchestrations/sample.ts')).toContain('newsdesk/orchestration-imports');
    expect(await rulesAt(code, 'orchestrator/starters/sample.ts')).toEqual([]);
  });

  it('applies the layers rule everywhere, from the repository root', async () => {
    const code = "import { HttpError } from '../../ingest/http/http-error.js';\nexport const e = HttpError;\n";
    expect(await rulesAt(code, 'orchestrator/webhooks/sample.ts')).toEqual(['newsdesk/layers']);
    expect(await rulesAt(code, 'app/wiring/sample.ts')).toEqual([]);
  });
});
