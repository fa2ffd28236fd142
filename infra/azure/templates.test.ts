import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { paramDefault, scan, uses } from '../../test/support/bicep-text.js';
import { allTemplates, azureDir, loadTemplates } from '../../test/support/templates.js';

// What a Bicep compiler would reject and what it would not even notice, checked without one (README.md).
const { main, modules } = loadTemplates();
const files = allTemplates();
const relative = (path: string) => path.slice(azureDir.length);

describe('the Azure templates, structurally', () => {
  it.each(files.map((f) => [relative(f.path), f] as const))('%s has balanced brackets and closed strings', (_name, file) => {
    expect(scan(file.text).problems).toEqual([]);
  });

  it('main.bicep deploys at subscription scope and every module is referenced from it, or deployed by a hook', () => {
    expect(main.targetScope).toBe('subscription');
    const referenced = new Set(main.modules.map((m) => m.path));
    // The Event Grid subscription waits for the deployed functions: the postdeploy hook deploys it (azure-yaml.test.ts).
    referenced.add('modules/eventgrid-subscription.bicep');
    // Modules referencing modules would count too; today main references them all directly.
    for (const file of modules.values()) for (const m of file.modules) referenced.add(m.path.replace(/^\.\//, 'modules/'));
    expect([...modules.keys()].filter((path) => !referenced.has(path))).toEqual([]);
    expect([...referenced].filter((path) => !existsSync(`${azureDir}${path}`))).toEqual([]);
  });

  it.each(files.map((f) => [relative(f.path), f] as const))('%s uses every parameter it declares', (_name, file) => {
    expect(file.params.filter((p) => uses(file, p.name) === 0).map((p) => p.name)).toEqual([]);
  });

  it.each(main.modules.map((m) => [m.symbol, m] as const))('module %s gets only parameters it declares, and all it requires', (_s, m) => {
    const module = modules.get(m.path)!;
    const declared = module.params.map((p) => p.name);
    expect(m.params.filter((p) => !declared.includes(p))).toEqual([]);
    expect(module.params.filter((p) => !p.hasDefault && !m.params.includes(p.name)).map((p) => p.name)).toEqual([]);
  });

  it('every module output main.bicep reads exists in that module', () => {
    const missing: string[] = [];
    for (const [, symbol, output] of main.code.matchAll(/\b(\w+)\.outputs\.(\w+)/g)) {
      const m = main.modules.find((x) => x.symbol === symbol);
      if (!m) missing.push(`${symbol} is not a module`);
      else if (!modules.get(m.path)!.outputs.includes(output!)) missing.push(`${m.path} has no output ${output}`);
    }
    expect(missing).toEqual([]);
  });

  it('pins every resource type to one dated API version across the templates', () => {
    const versions = new Map<string, Set<string>>();
    for (const file of files)
      for (const r of file.resources) {
        expect(r.apiVersion, `${r.type} in ${relative(file.path)}`).toMatch(/^\d{4}-\d{2}-\d{2}(-preview)?$/);
        versions.set(r.type, (versions.get(r.type) ?? new Set()).add(r.apiVersion));
      }
    expect([...versions].filter(([, v]) => v.size > 1).map(([type, v]) => `${type}: ${[...v].join(', ')}`)).toEqual([]);
  });

  it('uses no preview API version', () => {
    expect(files.flatMap((f) => f.resources.filter((r) => r.apiVersion.endsWith('-preview')).map((r) => r.type))).toEqual([]);
  });

  it('main.parameters.json (azd) sets only parameters main.bicep declares, and every required one', () => {
    const json = JSON.parse(readFileSync(`${azureDir}main.parameters.json`, 'utf8')) as { parameters: Record<string, { value: string }> };
    const declared = main.params.map((p) => p.name);
    expect(Object.keys(json.parameters).filter((p) => !declared.includes(p))).toEqual([]);
    expect(main.params.filter((p) => !p.hasDefault && !(p.name in json.parameters)).map((p) => p.name)).toEqual([]);
    // azd substitutes ${VAR} or ${VAR=default} from the environment.
    for (const [name, { value }] of Object.entries(json.parameters)) expect(value, name).toMatch(/^\$\{[A-Z0-9_]+(=[^}]*)?\}$/);
  });

  it('keeps the defaults a plain `azd up` relies on: no keys, CPU workers, the self-hosted classifier, Storage for Durable', () => {
    expect(paramDefault(main, 'identityOnly')).toBe('true');
    expect(paramDefault(main, 'workerGpu')).toBe('');
    expect(paramDefault(main, 'deployVision')).toBe('false');
    expect(paramDefault(main, 'classifierEndpoint')).toBe('');
    expect(paramDefault(main, 'durableBackend')).toBe('storage');
  });
});
