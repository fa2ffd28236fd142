const TYPES = { string: { type: 'string' }, strings: { type: 'array', items: { type: 'string' } } };

/**
 * The JSON schema of a rule's one options object. Every import rule takes `root`, the folder that relative imports
 * resolve against (eslint.config.js passes its own).
 * @param {Record<string, 'string' | 'strings'>} properties
 */
export function optionsSchema(properties = {}) {
  const typed = Object.entries({ root: 'string', ...properties }).map(([name, type]) => [name, TYPES[type]]);
  return [{ type: 'object', properties: Object.fromEntries(typed), additionalProperties: false }];
}
