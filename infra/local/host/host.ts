import { join, resolve } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CoreState } from './functions-core.js';
import { installCoreModule, installEsmFallback } from './install-core.js';
import { platformPackageJson } from './package-json.js';
import { invokeRegistered, type InvocationInput } from './invoke.js';
import { loadApp, readHostJson } from './load-app.js';
import { authorize, loadOrCreateKeys, type AuthLevel, type HostKeys } from './http/keys.js';
import { compileRoute, type CompiledRoute } from './http/route-template.js';
import { serveHttpTrigger } from './http/http-trigger.js';
import { close, listen } from './http/server.js';
import { captureServers } from './http/capture-servers.js';
import { unsupportedBindings } from './supported-triggers.js';
import { fromTypedData, toTypedData } from './typed-data.js';
import { lockTaskHub } from './task-hub-lock.js';
import type { Logger, Registration } from './types.js';
import { DurableStore } from '../durable/store.js';
import { DurableEngine } from '../durable/engine.js';
import { handleDurableApi } from '../durable/http-api.js';
import { durableClientBinding, type UrlSettings } from '../durable/management-urls.js';
import { readOrchestratorOutcome } from '../durable/orchestrator-outcome.js';
import { startExtensions, type Extensions } from './extensions.js';

export interface HostOptions {
  appDir: string;
  port?: number;
  rpcPort?: number;
  dataDir?: string;
  logger: Logger;
  /** Fixes the master key (tests and scripts); otherwise one is generated under the data folder. */
  masterKey?: string;
  durable?: { maximumShortTimerMs?: number; longTimerIntervalMs?: number };
}

export interface RunningHost {
  url: string;
  topics: Extensions['topics'];
  rpcBaseUrl: string;
  keys: HostKeys;
  functions: Registration[];
  engine: DurableEngine;
  stop(): Promise<void>;
}

const DAY = 86_400_000;

function presentedKey(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers['x-functions-key'];
  return (typeof header === 'string' ? header : undefined) ?? url.searchParams.get('code') ?? undefined;
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(text);
}

/** Starts the local Functions host for one app folder: the `func start` of this project. */
export async function startHost(o: HostOptions): Promise<RunningHost> {
  const appDir = resolve(o.appDir);
  const dataDir = resolve(o.dataDir ?? join(appDir, '.data'));
  const log = o.logger;
  const core = new CoreState();
  core.onLog = (level, category, message) => {
    if (level === 'error' || level === 'critical') log.error(message, { category });
    else if (level === 'warning') log.warn(message, { category });
  };
  const fallbackFrom = platformPackageJson();
  installCoreModule(core.createModule('4.1000.0-newsdesk'), fallbackFrom);
  installEsmFallback(fallbackFrom);
  const hostJson = readHostJson(appDir);
  await loadApp(appDir);
  if (!core.programmingModel) throw new Error('The app registered no functions (no programming model was set).');
  const problems = unsupportedBindings(core.registrations.values());
  if (problems.length) throw new Error(`Cannot start the app: ${problems.join('; ')}.`);
  // The programming model starts its HTTP-stream proxy server while reporting capabilities; the host
  // keeps a handle on it to hand requests over in process instead of a second HTTP hop.
  const { result: capabilities, servers: proxyServers } = await captureServers(
    async () => (await core.programmingModel!.getCapabilities?.({})) ?? {},
  );
  for (const hook of core.hooks.get('appStart') ?? [])
    await hook({ hookData: {}, appHookData: core.appHookData, functionAppDirectory: appDir, hostVersion: '4.1000.0-newsdesk' });

  const keys = loadOrCreateKeys(join(dataDir, 'host-keys.json'), o.masterKey);
  const routePrefix = (hostJson.extensions?.http?.routePrefix ?? 'api').replace(/^\/|\/$/g, '');
  const hubName = hostJson.extensions?.durableTask?.hubName ?? 'TestHubName';
  const unlock = lockTaskHub(join(dataDir, 'durable', `${hubName}.lock`));
  const store = new DurableStore(join(dataDir, 'durable', `${hubName}.sqlite`));

  let urls: UrlSettings = { baseUrl: '', taskHub: hubName, systemKey: keys.systemKeys.durabletask_extension ?? keys.masterKey };
  let rpcBaseUrl = '';
  const extraInputs = (r: Registration): InvocationInput['extraInputs'] => {
    const out: NonNullable<InvocationInput['extraInputs']> = {};
    for (const [name, b] of Object.entries(r.bindings)) {
      if (b.type === 'durableClient' || b.type === 'orchestrationClient') out[name] = toTypedData(durableClientBinding(urls, rpcBaseUrl));
    }
    return out;
  };
  const invoke = (name: string, input: InvocationInput) => {
    const r = core.registrations.get(name)!;
    return invokeRegistered(core, name, { ...input, extraInputs: { ...extraInputs(r), ...input.extraInputs } }, log);
  };
  const isType = (name: string, type: string) => core.registrations.get(name)?.trigger.type === type;

  const engine = new DurableEngine({
    store,
    isOrchestrator: (name) => isType(name, 'orchestrationTrigger'),
    async runOrchestrator(name, triggerInput) {
      try {
        const response = await invoke(name, { triggerData: { json: 'null' }, triggerValue: triggerInput });
        return readOrchestratorOutcome(fromTypedData(response.returnValue));
      } catch (error) {
        return readOrchestratorOutcome(undefined, error);
      }
    },
    async runActivity(name, inputJson) {
      if (!isType(name, 'activityTrigger'))
        throw new Error(`The function '${name}' doesn't exist, is disabled, or is not an activity function.`);
      // As the extension does: the activity's input travels as the JSON text history recorded.
      const response = await invoke(name, { triggerData: inputJson === null ? undefined : { json: inputJson } });
      return fromTypedData(response.returnValue);
    },
    maxConcurrentOrchestrations: hostJson.extensions?.durableTask?.maxConcurrentOrchestratorFunctions ?? 32,
    maxConcurrentActivities: hostJson.extensions?.durableTask?.maxConcurrentActivityFunctions ?? 32,
    maximumShortTimerMs: o.durable?.maximumShortTimerMs ?? 6 * DAY,
    longTimerIntervalMs: o.durable?.longTimerIntervalMs ?? 3 * DAY,
    logger: log,
  });

  const routes: { route: CompiledRoute; methods: Set<string> | undefined; reg: Registration }[] = [];
  for (const reg of core.registrations.values()) {
    if (reg.trigger.type !== 'httpTrigger') continue;
    const template = typeof reg.trigger.route === 'string' ? reg.trigger.route : reg.name;
    const methods = Array.isArray(reg.trigger.methods) ? new Set((reg.trigger.methods as string[]).map((m) => m.toUpperCase())) : undefined;
    routes.push({ route: compileRoute(`${routePrefix}/${template}`), methods, reg });
  }
  routes.sort((a, b) => b.route.specificity - a.route.specificity);
  const maxBody = hostJson.extensions?.http?.maxRequestBodySize ?? 100 * 1024 * 1024;

  // Filled in once the listeners are up; requests before that see no extension routes.
  const started: { extensions?: Extensions } = {};
  const onError = (error: unknown) =>
    log.error('request failed', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  const durablePrefix = ['runtime', 'webhooks', 'durabletask'];

  const publicHandler = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const segments = url.pathname.split('/').filter(Boolean);
    if (durablePrefix.every((s, i) => segments[i] === s)) {
      if (!authorize(keys, 'system', presentedKey(req, url), 'durabletask_extension')) return sendText(res, 401, 'Unauthorized.');
      return handleDurableApi(engine, urls, req, res, url, segments.slice(3));
    }
    const extensions = started.extensions;
    if (
      extensions &&
      (await extensions.handle(req, res, url, segments, (level, name) => authorize(keys, level, presentedKey(req, url), name)))
    )
      return;
    if (segments[0] === 'admin' && segments[1] === 'host' && segments[2] === 'status') {
      if (!authorize(keys, 'admin', presentedKey(req, url))) return sendText(res, 401, 'Unauthorized.');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ state: 'Running', version: '4.1000.0-newsdesk' }));
      return;
    }
    const path = url.pathname;
    for (const { route, methods, reg } of routes) {
      const params = route.match(path);
      if (!params || (methods && !methods.has(req.method ?? 'GET'))) continue;
      const level = ((reg.trigger.authLevel as string | undefined) ?? 'function').toLowerCase() as AuthLevel;
      if (!authorize(keys, level, presentedKey(req, url))) return sendText(res, 401, 'Unauthorized.');
      return serveHttpTrigger(req, res, url, params, {
        proxyUri: capabilities.HttpUri,
        proxyServer: capabilities.HttpUri ? proxyServers[0] : undefined,
        maxRequestBodyBytes: maxBody,
        invoke: (input) => invoke(reg.name, input),
        onError,
      });
    }
    req.resume();
    sendText(res, 404, 'Not found.');
  };

  const main = await listen(o.port ?? 7071, publicHandler, onError);
  const origin = `http://127.0.0.1:${main.port}`;
  const rpc = await listen(
    o.rpcPort ?? 17071,
    async (req, res, url) => {
      const segments = url.pathname.split('/').filter(Boolean);
      if (segments[0] !== 'durabletask') return sendText(res, 404, 'Not found.');
      return handleDurableApi(engine, urls, req, res, url, segments.slice(1));
    },
    onError,
  );
  rpcBaseUrl = `http://127.0.0.1:${rpc.port}/durabletask/`;
  urls = { ...urls, baseUrl: `${origin}/runtime/webhooks/durabletask` };
  // durable-functions rewrites client URLs to localhost:7071 unless the host name is set, as Azure sets it.
  process.env.WEBSITE_HOSTNAME = `127.0.0.1:${main.port}`;
  engine.start();
  const extensions: Extensions = (started.extensions = await startExtensions({
    appDir,
    registrations: [...core.registrations.values()],
    dataDir,
    origin,
    logger: log,
    invokeJson: async (name, json) => fromTypedData((await invoke(name, { triggerData: { json } })).returnValue),
  }));

  return {
    url: origin,
    topics: extensions.topics,
    rpcBaseUrl,
    keys,
    functions: [...core.registrations.values()],
    engine,
    async stop() {
      await extensions.stop();
      await Promise.all([close(main.server), close(rpc.server)]);
      await engine.stop();
      for (const hook of core.hooks.get('appTerminate') ?? []) await hook({ hookData: {}, appHookData: core.appHookData });
      store.close();
      unlock();
    },
  };
}
