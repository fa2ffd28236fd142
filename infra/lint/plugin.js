// The repository's own lint rules, as one ESLint plugin (rule names: newsdesk/<name>).
import { layersRule } from './layers-rule.js';
import { localPlatformRule } from './local-platform-rule.js';
import { orchestrationImportsRule } from './orchestration-imports-rule.js';

export const newsdeskPlugin = {
  meta: { name: 'newsdesk' },
  rules: {
    layers: layersRule,
    'local-platform': localPlatformRule,
    'orchestration-imports': orchestrationImportsRule,
  },
};
