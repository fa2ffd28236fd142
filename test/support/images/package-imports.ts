import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

/**
 * The npm packages built code loads (with the files that load each) and the files it is made of, from an entry file through every relative module it reaches. A module is reached
 * by `import`/`export ... from`, `import()`, `require()`, `require.resolve()`, a worker thread's
 * `new URL('./x.js', import.meta.url)`; a package also by `packageDir('<name>')` or `packageVersion('<name>')`
 * (classifier/models/package-paths.ts, how the classifier finds its model files). Read as text: the compiled
 * JavaScript keeps these calls' string arguments as written.
 */
export function packageImports(entries: string[], root: string): { packages: Map<string, string[]>; files: string[] } {
  const packages = new Map<string, string[]>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    const calls =
      /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\b(?:require|resolve|packageDir|packageVersion)\s*\(\s*|\bnew URL\s*\(\s*)(['"])([^'"]+)\2/g;
    for (const [, call, , specifier] of text.matchAll(calls)) {
      if (specifier!.startsWith('node:')) continue;
      if (specifier!.startsWith('.')) {
        const target = resolve(dirname(file), specifier!);
        // `new URL('./x', base)` of something that is no module (a model file, say) is no edge.
        if (target.endsWith('.js') && existsSync(target)) visit(target);
        continue;
      }
      // `new URL('health', base)` is a URL, not a package.
      if (call!.startsWith('new URL') || !/^(@[\w.-]+\/)?[\w.-]+(\/|$)/.test(specifier!)) continue;
      const name = specifier!
        .split('/')
        .slice(0, specifier!.startsWith('@') ? 2 : 1)
        .join('/');
      packages.set(name, [...(packages.get(name) ?? []), relative(root, file)]);
    }
  };
  for (const entry of entries) visit(entry);
  return { packages: new Map([...packages].sort(([a], [b]) => a.localeCompare(b))), files: [...seen].map((f) => relative(root, f)) };
}
