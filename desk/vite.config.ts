import { defineConfig } from 'vite';

/**
 * Built with `vite build desk` (this folder is Vite's root). The function app serves the result at /api/desk/, so
 * App Service authentication covers the desk and its API with one cookie (docs/desk.md).
 */
export default defineConfig({
  base: '/api/desk/',
  build: { outDir: '../dist/desk', emptyOutDir: true, target: 'es2022' },
  // Preact's automatic JSX runtime, without a plugin: Vite's own transformer (oxc) does JSX.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
});
