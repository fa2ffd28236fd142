import { gzippedJsSize } from './bundle-size.js';

/** The budget for the desk's JavaScript, gzipped (1 KB = 1,000 bytes: the strict reading). */
const BUDGET_BYTES = 200_000;

// `node desk/scripts/check-bundle-size.js dist/desk`: prints the size after every build and fails it over budget.
const dir = process.argv[2] ?? 'dist/desk';
const { files, gzipped } = gzippedJsSize(dir);
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
for (const f of files) console.log(`desk: ${f.name} ${kb(f.bytes)}, ${kb(f.gzipped)} gzipped`);
console.log(`desk: JavaScript ${kb(gzipped)} gzipped (budget ${kb(BUDGET_BYTES)})`);
if (files.length === 0 || gzipped > BUDGET_BYTES) {
  console.error(files.length === 0 ? `desk: no JavaScript under ${dir}/assets` : 'desk: the JavaScript is over budget');
  process.exit(1);
}
