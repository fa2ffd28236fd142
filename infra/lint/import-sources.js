// Every way a TypeScript module can name another one, reduced to (literal, specifier, typeOnly) for the import rules.

const allOf = (specifiers, kind, key) => specifiers.length > 0 && specifiers.every((s) => s[key] === kind);

/**
 * ESLint visitors that call `onImport(literal, specifier, typeOnly)` for each static import, re-export, dynamic
 * `import('…')` with a literal name, type `import('…')` and `import x = require('…')`. `typeOnly` is true when
 * TypeScript erases the statement (`import type`, or every named specifier marked `type`).
 * @param {(literal: object, specifier: string, typeOnly: boolean) => void} onImport
 */
export function importVisitors(onImport) {
  const literal = (source, typeOnly) => {
    if (source?.type === 'Literal' && typeof source.value === 'string') onImport(source, source.value, typeOnly);
  };
  return {
    ImportDeclaration: (node) => literal(node.source, node.importKind === 'type' || allOf(node.specifiers, 'type', 'importKind')),
    ExportNamedDeclaration: (node) => literal(node.source, node.exportKind === 'type' || allOf(node.specifiers, 'type', 'exportKind')),
    ExportAllDeclaration: (node) => literal(node.source, node.exportKind === 'type'),
    ImportExpression: (node) => literal(node.source, false),
    TSImportType: (node) => literal(node.source ?? node.argument?.literal, true),
    TSImportEqualsDeclaration: (node) => {
      if (node.moduleReference.type === 'TSExternalModuleReference') {
        literal(node.moduleReference.expression, node.importKind === 'type');
      }
    },
  };
}
