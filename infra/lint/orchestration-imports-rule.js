import { globRegExp } from './glob.js';
import { importVisitors } from './import-sources.js';
import { optionsSchema } from './options-schema.js';
import { importTarget } from './repo-path.js';

/** The one module of activity names and input types; contracts/ holds only names and shapes anyway. */
const DEFAULT_ALLOW = ['**/activities/catalog.ts', 'contracts/**'];
const ACTIVITY_MODULE = /(^|\/)activities\//;

/**
 * For orchestration files (scoped with `files` in eslint.config.js). An orchestration needs an activity's name and
 * input type, not its code: a value import pulls the activity's clients (undici, dns, telemetry) into the replayed
 * orchestrator's module graph. `import type` is erased, so it stays allowed, as do the modules in `allow`.
 * @type {import('eslint').Rule.RuleModule}
 */
export const orchestrationImportsRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Orchestrations import only types and names from activities/, as Temporal workflows do.' },
    schema: optionsSchema({ allow: 'strings' }),
    messages: {
      valueImport:
        "Orchestrations import only types and names: '{{specifier}}' is activity code. Take the name from {{allow}}, and types with `import type`.",
    },
  },
  create(context) {
    const { root = context.cwd, allow = DEFAULT_ALLOW } = context.options[0] ?? {};
    const allowed = allow.map(globRegExp);
    // Specifiers name the emitted `.js`; the globs name the source.
    const isAllowed = (target) => allowed.some((glob) => glob.test(target) || glob.test(target.replace(/\.js$/, '.ts')));

    return importVisitors((literal, specifier, typeOnly) => {
      const target = importTarget(root, context.filename, specifier);
      if (typeOnly || target === undefined || !ACTIVITY_MODULE.test(target) || isAllowed(target)) return;
      context.report({ node: literal, messageId: 'valueImport', data: { specifier, allow: allow.join(' or ') } });
    });
  },
};
