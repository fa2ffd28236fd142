import { describe, expect, it } from 'vitest';
import {
  blockAt,
  objectEntries,
  objectKeys,
  objectVars,
  paramDefault,
  parseBicep,
  scan,
  uses,
  varObjectEntries,
  varObjectKeys,
} from '../../test/support/bicep-text.js';

const sample = `// a comment with a 'quote' and a {brace}
targetScope = 'subscription'

@description('It\\'s the name; } is text here')
param name string
param count int = 3
param region string = 'westeurope'
param unused bool = false

var settings = {
  PLAIN: name
  'quoted-key': '\${name}-x'
  nested: { inner: [1, 2] }
  SINGLE_LINE: { a: 1, b: 2 }
}

/* block
   comment */
resource thing 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'st\${name}'
  properties: { text: '''many
lines with 'quotes' and } braces''' }
}

resource old 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: region
}

module child 'modules/child.bicep' = if (count > 1) {
  name: 'child'
  params: {
    value: thing.id
    other: count
  }
}

output id string = thing.id
`;

describe('bicep-text', () => {
  const file = parseBicep('sample.bicep', sample);

  it('finds no syntax problem in well-formed Bicep, comments and strings included', () => {
    expect(scan(sample).problems).toEqual([]);
  });

  it('reports unbalanced brackets and unterminated strings with their line', () => {
    expect(scan('var a = {\n  b: [1, 2\n}\n').problems).toEqual(["unbalanced '}' at line 3", "unclosed '{' at line 1"]);
    expect(scan("var a = 'open\nvar b = 1\n").problems).toEqual(['unterminated string at line 1']);
    expect(scan('var a = 1 /* never closed\n').problems).toEqual(['unterminated comment at line 1']);
  });

  it('blanks comments and literal string text but keeps interpolations', () => {
    expect(file.code).not.toContain('a comment');
    expect(file.code).not.toContain('westeurope');
    expect(file.code).toContain('${name}');
    expect(file.code.length).toBe(sample.length);
  });

  it('reads the declarations', () => {
    expect(file.targetScope).toBe('subscription');
    expect(file.params).toEqual([
      { name: 'name', type: 'string', hasDefault: false },
      { name: 'count', type: 'int', hasDefault: true },
      { name: 'region', type: 'string', hasDefault: true },
      { name: 'unused', type: 'bool', hasDefault: true },
    ]);
    expect(file.resources).toEqual([
      { symbol: 'thing', type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', existing: false },
      { symbol: 'old', type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', existing: true },
    ]);
    expect(file.modules).toEqual([
      { symbol: 'child', path: 'modules/child.bicep', params: ['value', 'other'], args: { value: 'thing.id', other: 'count' } },
    ]);
    expect(file.outputs).toEqual(['id']);
  });

  it('reads the top-level keys of object literals, multi-line, single-line and quoted', () => {
    expect(varObjectKeys(file, 'settings')).toEqual(['PLAIN', 'quoted-key', 'nested', 'SINGLE_LINE']);
    expect(objectKeys("{ a: 1, 'b': { c: 2 }, d: [3] }")).toEqual(['a', 'b', 'd']);
    expect(varObjectKeys(file, 'missing')).toBeUndefined();
    expect(objectVars(file)).toEqual(['settings']);
  });

  it('reads the value source of each top-level entry', () => {
    expect(varObjectEntries(file, 'settings')).toEqual([
      ['PLAIN', 'name'],
      ['quoted-key', "'${name}-x'"],
      ['nested', '{ inner: [1, 2] }'],
      ['SINGLE_LINE', '{ a: 1, b: 2 }'],
    ]);
    expect(objectEntries("{ a: 'x', b: f(1, 2) }")).toEqual([
      ['a', "'x'"],
      ['b', 'f(1, 2)'],
    ]);
  });

  it('counts uses of an identifier, not its declaration, object keys, properties or string text', () => {
    expect(uses(file, 'name')).toBe(3); // settings.PLAIN, two interpolations
    expect(uses(file, 'count')).toBe(2);
    expect(uses(file, 'region')).toBe(1);
    expect(uses(file, 'unused')).toBe(0);
    const loop = parseBicep('loop.bicep', "param items array\nresource r 'T@2024-01-01' = [for item in items: { name: item }]\n");
    expect(uses(loop, 'items')).toBe(1);
  });

  it('reads literal parameter defaults', () => {
    expect(paramDefault(file, 'region')).toBe('westeurope');
    expect(paramDefault(file, 'count')).toBe('3');
    expect(paramDefault(file, 'name')).toBeUndefined();
  });

  it('finds the balanced block after an offset', () => {
    const text = 'x = { a: { b: 1 } } tail';
    const { start, end } = blockAt(text, 0);
    expect(text.slice(start, end)).toBe('{ a: { b: 1 } }');
  });
});
