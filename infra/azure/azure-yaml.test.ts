import { existsSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRepoFile, repoRoot } from '../../test/support/templates.js';

// azure.yaml read as text (no YAML parser among the project's dependencies): the lines azd acts on.
const yaml = readRepoFile('azure.yaml');
const packageJson = JSON.parse(readRepoFile('package.json')) as { main: string; scripts: Record<string, string> };

describe('azure.yaml', () => {
  it('provisions infra/azure/main.bicep with Bicep', () => {
    expect(yaml).toMatch(/^infra:\n {2}provider: bicep\n {2}path: infra\/azure\n {2}module: main\n/m);
    expect(existsSync(`${repoRoot}infra/azure/main.bicep`)).toBe(true);
    expect(existsSync(`${repoRoot}infra/azure/main.parameters.json`)).toBe(true);
  });

  it('deploys the repository root as the TypeScript function app `api`, the service the template tags', () => {
    expect(yaml).toMatch(/^ {2}api:\n {4}project: \.\n {4}language: ts\n {4}host: function\n/m);
    expect(readRepoFile('infra/azure/modules/functionapp.bicep')).toContain("'azd-service-name': 'api'");
    expect(existsSync(`${repoRoot}host.json`)).toBe(true);
    expect(packageJson.main).toBe('dist/app/index.js');
    expect(packageJson.scripts.build).toBeDefined();
  });

  it('runs hooks that exist and are executable: the worker image after provisioning, the second pass after deploying', () => {
    const hooks = [...yaml.matchAll(/^ {2}(\w+):\n {4}posix:\n {6}shell: sh\n {6}run: (\S+)$/gm)].map((m) => [m[1], m[2]]);
    expect(hooks).toEqual([
      ['postprovision', 'infra/azure/scripts/push-worker-image.sh'],
      ['postdeploy', 'infra/azure/scripts/second-pass.sh'],
    ]);
    for (const [, script] of hooks) expect(statSync(`${repoRoot}${script}`).mode & 0o111, script).not.toBe(0);
  });

  it('the second pass turns on appDeployed through the azd environment', () => {
    expect(readRepoFile('infra/azure/scripts/second-pass.sh')).toContain('azd env set NEWSDESK_APP_DEPLOYED true');
    expect(readRepoFile('infra/azure/main.parameters.json')).toContain('"appDeployed": { "value": "${NEWSDESK_APP_DEPLOYED=false}" }');
  });
});
