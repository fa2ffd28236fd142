import { importVisitors } from './import-sources.js';
import { optionsSchema } from './options-schema.js';
import { importTarget, repoPath } from './repo-path.js';

/**
 * The layers, lowest first (DESIGN.md, Layout). A folder imports from its own layer and the layers below. The feature
 * folders are `apart`: they deploy separately, so what two of them share is a contract in contracts/ or a helper in
 * lib/, never one another's code. bench/ and test/ sit on top and may import anything. `import type` counts too: a
 * type ties two folders together as a value does, only the emitted JavaScript differs.
 */
export const LAYERS = [
  { folders: ['contracts'] },
  { folders: ['lib'] },
  { folders: ['adapters'] },
  { folders: ['ingest', 'orchestrator', 'workers', 'classifier'], apart: true },
  { folders: ['app', 'cli', 'desk', 'infra'] },
  { folders: ['bench', 'test'] },
];

/**
 * Folders narrower than their layer. desk/ runs in the browser: lib/ and everything above it are Node code, so of
 * ours it may import only contracts/ (types and JSON), whatever its layer would allow.
 */
export const ONLY = { desk: ['contracts'] };

/**
 * Tests beside the code obey their folder's layer (they test that layer, with its own and lower layers' parts) and may
 * also import test/support/, the one place for shared test helpers; shipped code never imports test/ or bench/.
 */
const TEST_FILE = /\.(test|contract)\.[cm]?[jt]sx?$/;
const TEST_SUPPORT = 'test/support/';

const topFolder = (path) => path.split('/')[0];
const layerOf = (folder) => LAYERS.findIndex((layer) => layer.folders.includes(folder));
const below = (layer) =>
  layer === 0
    ? 'nothing of ours, only packages'
    : `only ${LAYERS.slice(0, layer)
        .flatMap((l) => l.folders)
        .map((f) => `${f}/`)
        .join(', ')}`;

/** @type {import('eslint').Rule.RuleModule} */
export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports point down the layers: contracts ← lib ← adapters ← features ← app | infra.' },
    schema: optionsSchema(),
    messages: {
      upward:
        '{{from}}/ may not import {{to}}/, a higher layer: {{from}}/ may import {{allowed}}. Move what both need down, or pass it in.',
      sideways: '{{from}}/ may not import {{to}}/: move what both need to contracts/ or lib/.',
      narrow: '{{from}}/ may not import {{to}}/: {{from}}/ may import only {{allowed}} (it runs in the browser) and packages.',
      testCode:
        '{{from}}/ may not import {{to}}/: shipped code never depends on test or bench code (only *.test.ts and *.contract.ts files may import test/support/).',
    },
  },
  create(context) {
    const root = context.options[0]?.root ?? context.cwd;
    const importer = repoPath(root, context.filename);
    const from = importer && topFolder(importer);
    const fromLayer = from === undefined ? -1 : layerOf(from);
    if (fromLayer === -1) return {};
    const isTest = TEST_FILE.test(importer);

    return importVisitors((literal, specifier) => {
      const target = importTarget(root, context.filename, specifier);
      if (target === undefined) return;
      const to = topFolder(target);
      const toLayer = layerOf(to);
      if (toLayer === -1 || to === from) return;
      const only = ONLY[from];
      if (only && !only.includes(to)) {
        context.report({ node: literal, messageId: 'narrow', data: { from, to, allowed: only.map((f) => `${f}/`).join(', ') } });
        return;
      }
      if (toLayer < fromLayer) return;
      if (isTest && target.startsWith(TEST_SUPPORT)) return;
      if (toLayer === fromLayer && !LAYERS[fromLayer].apart) return;
      const messageId = toLayer === fromLayer ? 'sideways' : to === 'test' || to === 'bench' ? 'testCode' : 'upward';
      context.report({ node: literal, messageId, data: { from, to, allowed: below(fromLayer) } });
    });
  },
};
