import Module, { register } from 'node:module';
import { pathToFileURL } from 'node:url';

interface ModuleInternals {
  _resolveFilename(request: string, parent: unknown, isMain: boolean, options?: unknown): string;
  _cache: Record<string, unknown>;
}

const CORE_ID = '@azure/functions-core';
const CORE_KEY = '\0newsdesk:functions-core';

/**
 * Makes `require('@azure/functions-core')` return the host's module — in Azure the language worker
 * injects it the same way — and lets an app folder without its own copies of `@azure/functions` or
 * `durable-functions` resolve the host project's packages.
 */
export function installCoreModule(coreExports: Record<string, unknown>, fallbackFrom: string): void {
  const internals = Module as unknown as ModuleInternals;
  const original = internals._resolveFilename;
  const fallback = Module.createRequire(fallbackFrom);
  const cached = new Module(CORE_KEY);
  cached.exports = coreExports;
  cached.loaded = true;
  internals._cache[CORE_KEY] = cached;
  internals._resolveFilename = function resolve(request, parent, isMain, options) {
    if (request === CORE_ID) return CORE_KEY;
    try {
      return original.call(this, request, parent, isMain, options);
    } catch (error) {
      if (request.startsWith('.') || request.startsWith('/')) throw error;
      return fallback.resolve(request);
    }
  };
}

/** The same fallback for ES modules: a bare specifier the app folder cannot resolve is resolved from the project. */
export function installEsmFallback(fallbackFrom: string): void {
  const parent = pathToFileURL(fallbackFrom).href;
  const hook = `
    export async function resolve(specifier, context, next) {
      try {
        return await next(specifier, context);
      } catch (error) {
        if (error?.code !== 'ERR_MODULE_NOT_FOUND' || /^(\\.|\\/|file:|node:|data:)/.test(specifier)) throw error;
        return next(specifier, { ...context, parentURL: ${JSON.stringify(parent)} });
      }
    }`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
}
