import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DurableEngine } from './engine.js';
import { DurableApiError } from './errors.js';
import { EventType, type HistoryEvent } from './history.js';
import { instanceIdProblem } from './instance-id.js';
import { managementUrls, type UrlSettings } from './management-urls.js';
import { isTerminal } from './instance-status.js';
import type { InstanceRow } from './store.js';
import { readCapped } from '../read-capped.js';

const MAX_BODY = 16 * 1024 * 1024;
const EVENT_NAMES = Object.fromEntries(Object.entries(EventType).map(([k, v]) => [v, k]));

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));
}

async function readText(req: IncomingMessage): Promise<string> {
  const body = await readCapped(req, MAX_BODY, { drain: false });
  if (!body) throw new DurableApiError(413, 'Request body too large.');
  return body.toString('utf8');
}

/** Body text validated as JSON; returns the JSON text itself (what history stores), or null when empty. */
async function readJson(req: IncomingMessage): Promise<string | null> {
  const text = (await readText(req)).trim();
  if (text === '') return null;
  try {
    JSON.parse(text);
  } catch {
    throw new DurableApiError(400, 'The request body is not valid JSON.');
  }
  return text;
}

const parse = (text: string | null): unknown => (text === null ? null : (JSON.parse(text) as unknown));

function statusBody(
  row: InstanceRow,
  history: HistoryEvent[] | undefined,
  showInput: boolean,
  showOutput: boolean,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: row.name,
    instanceId: row.instanceId,
    runtimeStatus: row.status,
    input: showInput ? parse(row.input) : null,
    customStatus: parse(row.customStatus),
    output: parse(row.output),
    createdTime: row.createdTime,
    lastUpdatedTime: row.lastUpdatedTime,
  };
  if (history) {
    body.historyEvents = history
      .filter((e) => e.EventType !== EventType.OrchestratorStarted && e.EventType !== EventType.OrchestratorCompleted)
      .map((e) => ({
        EventType: EVENT_NAMES[e.EventType],
        EventId: e.EventId,
        Timestamp: e.Timestamp,
        ...(e.Name ? { Name: e.Name } : {}),
        ...(e.FireAt ? { FireAt: e.FireAt } : {}),
        ...(e.TaskScheduledId !== undefined ? { TaskScheduledId: e.TaskScheduledId } : {}),
        ...(e.Reason ? { Reason: e.Reason } : {}),
        ...(showOutput && e.Result !== undefined ? { Result: parse(e.Result ?? null) } : {}),
      }));
  }
  return body;
}

function flag(url: URL, name: string, fallback: boolean): boolean {
  const v = url.searchParams.get(name);
  return v === null ? fallback : v.toLowerCase() === 'true';
}

/**
 * The Durable Functions HTTP API: the same handler serves the public webhook routes
 * (`/runtime/webhooks/durabletask/...`) and the local RPC base URL the SDK's client uses.
 */
export async function handleDurableApi(
  engine: DurableEngine,
  urls: UrlSettings,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  path: string[],
): Promise<void> {
  try {
    await route(engine, urls, req, res, url, path.map(decodeURIComponent));
  } catch (error) {
    if (error instanceof DurableApiError) send(res, error.status, { Message: error.message });
    else throw error;
  }
}

async function route(
  engine: DurableEngine,
  urls: UrlSettings,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  p: string[],
): Promise<void> {
  const method = req.method ?? 'GET';
  const [head, id, verb, eventName] = p;
  if (head === 'orchestrators' && id && p.length <= 3 && method === 'POST') {
    const instanceId = p[2];
    const problem = instanceId === undefined ? undefined : instanceIdProblem(instanceId);
    if (problem) throw new DurableApiError(400, problem);
    const input = await readJson(req);
    const row = engine.startNew(id, instanceId, input);
    const links = managementUrls(urls, row.instanceId);
    return send(res, 202, links, { location: links.statusQueryGetUri, 'retry-after': '10' });
  }
  if (head !== 'instances') throw new DurableApiError(404, 'Not found.');
  if (!id) {
    if (method !== 'GET') throw new DurableApiError(405, 'Method not allowed.');
    return listInstances(engine, res, url);
  }
  if (p.length === 2 && method === 'GET') {
    const row = engine.getInstance(id);
    if (!row) throw new DurableApiError(404, `No instance with ID '${id}' found.`);
    const history = flag(url, 'showHistory', false) ? engine.history(id) : undefined;
    const done = isTerminal(row.status);
    return send(
      res,
      done ? 200 : 202,
      statusBody(row, history, flag(url, 'showInput', true), flag(url, 'showHistoryOutput', false)),
      done ? {} : { location: managementUrls(urls, id).statusQueryGetUri, 'retry-after': '10' },
    );
  }
  if (p.length === 2 && method === 'DELETE') {
    if (!engine.getInstance(id)) throw new DurableApiError(404, `No instance with ID '${id}' found.`);
    return send(res, 200, { instancesDeleted: engine.purge(id) ? 1 : 0 });
  }
  if (method !== 'POST') throw new DurableApiError(405, 'Method not allowed.');
  const reason = url.searchParams.get('reason');
  if (verb === 'raiseEvent' && eventName && p.length === 4) {
    const type = req.headers['content-type'] ?? '';
    if (!/^application\/([\w.+-]+\+)?json\b/i.test(type))
      throw new DurableApiError(400, 'Only application/json request content is supported.');
    engine.raiseEvent(id, eventName, await readJson(req));
    return send(res, 202);
  }
  if (p.length === 3 && verb === 'terminate') return (engine.terminate(id, reason), send(res, 202));
  if (p.length === 3 && verb === 'suspend') return (engine.suspend(id, reason), send(res, 202));
  if (p.length === 3 && verb === 'resume') return (engine.resume(id, reason), send(res, 202));
  throw new DurableApiError(404, 'Not found.');
}

function listInstances(engine: DurableEngine, res: ServerResponse, url: URL): void {
  const top = Math.min(Math.max(Number(url.searchParams.get('top') ?? 100) || 100, 1), 1000);
  const token = Number(res.req.headers['x-ms-continuation-token'] ?? 0) || 0;
  const statuses = url.searchParams
    .get('runtimeStatus')
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const rows = engine.query({
    createdFrom: url.searchParams.get('createdTimeFrom') ?? undefined,
    createdTo: url.searchParams.get('createdTimeTo') ?? undefined,
    statuses,
    top: top + 1,
    skip: token,
  });
  const page = rows.slice(0, top);
  const headers: Record<string, string> = rows.length > top ? { 'x-ms-continuation-token': String(token + top) } : {};
  send(
    res,
    200,
    page.map((r) => statusBody(r, undefined, flag(url, 'showInput', false), false)),
    headers,
  );
}
