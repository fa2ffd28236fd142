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

  it('runs hooks that exist and are executable, with a pwsh variant for Windows: images after provisioning, Event Grid after deploying', () => {
    const posix = [...yaml.matchAll(/^ {2}(\w+):\n {4}posix:\n {6}shell: sh\n {6}run: (\S+)$/gm)].map((m) => [m[1], m[2]]);
    expect(posix).toEqual([
      ['postprovision', 'infra/azure/scripts/build-images.sh'],
      ['postdeploy', 'infra/azure/scripts/subscribe-events.sh'],
    ]);
    const windows = [...yaml.matchAll(/^ {4}windows:\n {6}shell: pwsh\n {6}run: (\S+)$/gm)].map((m) => m[1]);
    expect(windows).toEqual(['infra/azure/scripts/build-images.ps1', 'infra/azure/scripts/subscribe-events.ps1']);
    for (const [, script] of posix) expect(statSync(`${repoRoot}${script}`).mode & 0o111, script).not.toBe(0);
    for (const script of windows) expect(existsSync(`${repoRoot}${script}`), script).toBe(true);
  });

  it('builds both images with ACR Tasks, else with docker build and push, and points the job and the app at them', () => {
    for (const script of ['build-images.sh', 'build-images.ps1']) {
      const text = readRepoFile(`infra/azure/scripts/${script}`);
      for (const step of ['az acr build', 'docker build', 'docker push', 'workers/Dockerfile', 'classifier/Dockerfile'])
        expect(text, `${script}: ${step}`).toContain(step);
      expect(text).toMatch(/az containerapp job update[^\n]*NEWSDESK_WORKER_JOB_NAME/);
      expect(text).toMatch(/az containerapp update[^\n]*NEWSDESK_CLASSIFIER_APP_NAME/);
      expect(text).toContain('azd env set NEWSDESK_IMAGE_TAG');
    }
    expect(readRepoFile('infra/azure/main.parameters.json')).toContain('"imageTag": { "value": "${NEWSDESK_IMAGE_TAG=}" }');
  });

  it('subscribes Event Grid only once the functions answer and are indexed, and provisions no second pass', () => {
    for (const script of ['subscribe-events.sh', 'subscribe-events.ps1']) {
      const text = readRepoFile(`infra/azure/scripts/${script}`);
      const health = text.indexOf('/health');
      const indexed = text.indexOf('az functionapp function show');
      const subscribe = text.indexOf('infra/azure/modules/eventgrid-subscription.bicep');
      expect(
        [health, indexed, subscribe].every((at) => at > 0),
        script,
      ).toBe(true);
      expect(health < indexed && indexed < subscribe, script).toBe(true);
      expect(text).not.toMatch(/^\s*azd provision/m);
    }
  });
});
