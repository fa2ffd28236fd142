import { importVisitors } from './import-sources.js';
import { optionsSchema } from './options-schema.js';
import { importTarget, repoPath } from './repo-path.js';

const DEFAULTS = { folder: 'infra/local', packages: ['@newsdesk/local-platform'], importers: ['infra', 'test', 'bench'] };
const under = (path, folder) => path === folder || path.startsWith(`${folder}/`);

/**
 * The one-machine platform is a product of its own that hosts the app; the app does not know where it runs. So only
 * infra/, test/ and bench/ import it, by path or by its package name.
 * @type {import('eslint').Rule.RuleModule}
 */
export const localPlatformRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Only infra/, test/ and bench/ import the local platform.' },
    schema: optionsSchema({ folder: 'string', packages: 'strings', importers: 'strings' }),
    messages: {
      refused: '{{from}} must not import {{what}} (the local platform): the app does not know where it runs. Only {{importers}} may.',
    },
  },
  create(context) {
    const { root = context.cwd, ...options } = context.options[0] ?? {};
    const { folder, packages, importers } = { ...DEFAULTS, ...options };
    const importer = repoPath(root, context.filename);
    if (importer === undefined || importers.some((allowed) => under(importer, allowed))) return {};

    return importVisitors((literal, specifier) => {
      const target = importTarget(root, context.filename, specifier);
      const what = target === undefined ? packages.find((name) => under(specifier, name)) : under(target, folder) && folder;
      if (!what) return;
      const data = { from: importer, what, importers: importers.map((f) => `${f}/`).join(', ') };
      context.report({ node: literal, messageId: 'refused', data });
    });
  },
};
