// Refreshes types/: the resource type definitions the templates use, cut out of a git checkout of Azure/bicep-types-az
// (the data the Bicep compiler embeds). Run by hand when a template changes a type or API version, then commit types/:
//   node infra/azure/type-check/vendor.js <bicep-types-az git dir> [commit]
// Each output file holds one provider's API version: its resources' bodies and every type they reach, descriptions and
// resource functions left out, references turned into plain indexes (`{"$ref":"#/5"}` → 5).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Wanted beside what the templates name today: the Container Apps worker and classifier, and the Durable Task
// Scheduler (newest stable API), so that templates adding them are checked too.
const EXTRA = [
  'Microsoft.App/managedEnvironments@2025-01-01',
  'Microsoft.App/jobs@2025-01-01',
  'Microsoft.App/containerApps@2025-01-01',
  'Microsoft.DurableTask/schedulers@2025-11-01',
  'Microsoft.DurableTask/schedulers/taskHubs@2025-11-01',
];

const here = import.meta.dirname;
const [gitDir, commit = 'HEAD'] = process.argv.slice(2);
if (!gitDir) throw new Error('usage: node vendor.js <bicep-types-az git dir> [commit]');
const git = (...args) => execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });

function templateTypes() {
  const azure = join(here, '..');
  const files = readdirSync(azure, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.bicep'));
  const found = files.flatMap((f) =>
    [...readFileSync(join(azure, f), 'utf8').matchAll(/'(Microsoft\.[\w.]+\/[\w/]+@[\w-]+)'/g)].map((m) => m[1]),
  );
  return [...new Set([...found, ...EXTRA])].sort();
}

/** Every generated/<folder>/<namespace>/<version>/types.json of the wanted namespaces and versions. */
function candidateFiles(wanted) {
  const keys = new Set(wanted.map((w) => `${w.split('/')[0].toLowerCase()}/${w.split('@')[1]}`));
  return git('ls-tree', '-r', '--name-only', commit, 'generated')
    .split('\n')
    .filter((p) => p.endsWith('/types.json') && keys.has(p.split('/').slice(2, 4).join('/')));
}

const ref = (r) => Number(r.$ref.slice(2));

function compact(types, resources) {
  const order = new Map();
  const visit = (i) => {
    if (order.has(i)) return;
    order.set(i, order.size);
    for (const r of refsOf(types[i])) visit(r);
  };
  for (const i of resources.values()) visit(i);
  const out = [...order.keys()].map((i) => rewrite(types[i], (r) => order.get(ref(r))));
  return { resources: Object.fromEntries([...resources].map(([name, i]) => [name, order.get(i)])), types: out };
}

function refsOf(t) {
  const props = (p) => Object.values(p ?? {}).map((x) => ref(x.type));
  switch (t.$type) {
    case 'ResourceType':
      return [ref(t.body)];
    case 'ObjectType':
      return [...props(t.properties), ...(t.additionalProperties ? [ref(t.additionalProperties)] : [])];
    case 'DiscriminatedObjectType':
      return [...props(t.baseProperties), ...Object.values(t.elements).map(ref)];
    case 'ArrayType':
      return [ref(t.itemType)];
    case 'UnionType':
      return t.elements.map(ref);
    default:
      return [];
  }
}

function rewrite(t, to) {
  const props = (p) => Object.fromEntries(Object.entries(p ?? {}).map(([k, v]) => [k, { type: to(v.type), flags: v.flags }]));
  switch (t.$type) {
    case 'ResourceType':
      return { $type: t.$type, name: t.name, body: to(t.body) };
    case 'ObjectType':
      return {
        $type: t.$type,
        name: t.name,
        properties: props(t.properties),
        ...(t.additionalProperties ? { additionalProperties: to(t.additionalProperties) } : {}),
      };
    case 'DiscriminatedObjectType':
      return {
        $type: t.$type,
        name: t.name,
        discriminator: t.discriminator,
        baseProperties: props(t.baseProperties),
        elements: Object.fromEntries(Object.entries(t.elements).map(([k, v]) => [k, to(v)])),
      };
    case 'ArrayType':
      return { $type: t.$type, itemType: to(t.itemType) };
    case 'UnionType':
      return { $type: t.$type, elements: t.elements.map(to) };
    case 'StringLiteralType':
      return { $type: t.$type, value: t.value };
    default:
      return { $type: t.$type };
  }
}

const wanted = templateTypes();
const missing = new Set(wanted.map((w) => w.toLowerCase()));
const outDir = join(here, 'types');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir);
for (const path of candidateFiles(wanted)) {
  const types = JSON.parse(git('show', `${commit}:${path}`));
  const resources = new Map();
  types.forEach((t, i) => {
    if (t.$type === 'ResourceType' && missing.delete(t.name.toLowerCase())) resources.set(t.name, i);
  });
  if (resources.size === 0) continue;
  const [, , namespace, version] = path.split('/');
  const file = join(outDir, `${namespace}@${version}.json`);
  writeFileSync(file, JSON.stringify(compact(types, resources)) + '\n');
  console.log(`${file}: ${[...resources.keys()].join(', ')}`);
}
if (missing.size > 0) throw new Error(`not in bicep-types-az at ${commit}: ${[...missing].join(', ')}`);
