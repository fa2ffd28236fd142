import { randomUUID } from 'node:crypto';
import { Agent, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { RpcHttpData, RpcInvocationResponse, RpcTypedData } from '../functions-core.js';
import type { InvocationInput } from '../invoke.js';
import { fromTypedData } from '../typed-data.js';
import { readCapped } from '../../read-capped.js';
import { requestBodyStream } from './request-body-stream.js';

export interface HttpTriggerContext {
  /** Set when the app enabled HTTP streaming: the programming model's proxy URL. */
  proxyUri?: string;
  /** The proxy's server object, when the host runs the app in process: requests are handed to it directly. */
  proxyServer?: Server;
  maxRequestBodyBytes: number;
  invoke(input: InvocationInput): Promise<RpcInvocationResponse>;
  onError(error: unknown): void;
}

function headerRecord(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function queryRecord(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of url.searchParams) out[k] = v;
  return out;
}

/** Finds the HTTP output in an invocation response: `$return` or a named `http` output binding. */
function httpOutput(response: RpcInvocationResponse): RpcHttpData | undefined {
  if (response.returnValue?.http) return response.returnValue.http;
  return response.outputData?.find((o) => o.data?.http)?.data?.http ?? undefined;
}

function writeRpcResponse(res: ServerResponse, http: RpcHttpData | undefined): void {
  if (!http) {
    res.writeHead(204).end();
    return;
  }
  const body = fromTypedData(http.body);
  const bytes =
    body === undefined
      ? Buffer.alloc(0)
      : Buffer.isBuffer(body)
        ? body
        : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  res.writeHead(Number(http.statusCode ?? 200), http.headers ?? {});
  res.end(bytes);
}

/** Runs an HTTP-triggered function for one request, buffering the body or streaming it through the model's proxy. */
export async function serveHttpTrigger(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  params: Record<string, string>,
  ctx: HttpTriggerContext,
): Promise<void> {
  const headers = headerRecord(req);
  const query = queryRecord(url);
  const base: RpcHttpData = { method: req.method ?? 'GET', url: url.href, headers, query, params };
  if (ctx.proxyServer) return handOverToProxy(req, res, url, base, ctx, ctx.proxyServer);
  if (ctx.proxyUri) return streamThroughProxy(req, res, url, base, ctx);
  const body = await readCapped(req, ctx.maxRequestBodyBytes, { drain: false });
  if (!body) {
    res.writeHead(413, { 'content-type': 'text/plain', connection: 'close' }).end('Request body too large.');
    req.destroy();
    return;
  }
  try {
    const response = await ctx.invoke({ triggerData: { http: { ...base, body: body.length ? { bytes: body } : undefined } } });
    writeRpcResponse(res, httpOutput(response));
  } catch (error) {
    ctx.onError(error);
    if (!res.headersSent) res.writeHead(500).end();
  }
}

function streamMetadata(base: RpcHttpData): Record<string, RpcTypedData> {
  return {
    Headers: { json: JSON.stringify(base.headers) },
    Query: { json: JSON.stringify(base.query) },
    ...Object.fromEntries(Object.entries(base.params ?? {}).map(([k, v]) => [k, { string: v }])),
  };
}

/**
 * In process, the host hands the proxy server the request directly (no second HTTP hop), its body as a web stream of
 * the socket's chunks (requestBodyStream: no copy). The client's own socket stays the host's: when the function stops
 * reading (it cancels the body, or answers first), the rest of the upload is drained so the client reads the answer.
 */
function handOverToProxy(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  base: RpcHttpData,
  ctx: HttpTriggerContext,
  server: Server,
): Promise<void> {
  const invocationId = randomUUID();
  const { stream, abandon } = requestBodyStream(req);
  // What @azure/functions reads from the request it is handed: headers, url, method, and the body it wraps in a Request.
  const body = Object.assign(stream, {
    headers: {
      ...req.headers,
      'x-ms-invocation-id': invocationId,
      'x-forwarded-host': url.host,
      'x-forwarded-proto': url.protocol.replace(':', ''),
    },
    url: req.url,
    method: req.method,
  });
  // Answered before the body ended: nothing reads the rest any more.
  res.once('finish', abandon);
  const done = new Promise<void>((resolve) => res.once('close', resolve));
  server.emit('request', body, res);
  ctx.invoke({ invocationId, triggerData: { http: base }, triggerMetadata: streamMetadata(base) }).catch((error: unknown) => {
    ctx.onError(error);
    if (!res.headersSent) res.writeHead(500).end();
    abandon();
  });
  return done;
}

/**
 * One connection per proxied request: when a function answers before reading the whole upload
 * (a 413 mid-stream), the programming model's proxy drops the connection, and a pooled socket
 * would fail the next request.
 */
const proxyAgent = new Agent({ keepAlive: false });

function streamThroughProxy(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  base: RpcHttpData,
  ctx: HttpTriggerContext,
): Promise<void> {
  const invocationId = randomUUID();
  return new Promise<void>((resolve) => {
    let answered = false;
    const proxyUrl = new URL(`${url.pathname}${url.search}`, ctx.proxyUri);
    const proxyReq = httpRequest(proxyUrl, {
      agent: proxyAgent,
      method: req.method,
      headers: {
        ...req.headers,
        'x-ms-invocation-id': invocationId,
        'x-forwarded-host': url.host,
        'x-forwarded-proto': url.protocol.replace(':', ''),
      },
    });
    proxyReq.on('response', (proxyRes) => {
      answered = true;
      if (!req.readableEnded) {
        // The function answered before reading all of the upload (a 401, a 413 mid-stream): drain the
        // rest here, so the client reads the answer and its keep-alive connection stays usable.
        req.unpipe(proxyReq);
        proxyReq.end();
        req.resume();
      }
      res.writeHead(proxyRes.statusCode ?? 500, proxyRes.headers);
      proxyRes.pipe(res);
      proxyRes.on('end', resolve);
    });
    proxyReq.on('error', (error) => {
      if (!answered && !res.headersSent) res.writeHead(502).end();
      ctx.onError(error);
      resolve();
    });
    req.pipe(proxyReq);
    ctx.invoke({ invocationId, triggerData: { http: base }, triggerMetadata: streamMetadata(base) }).then(
      () => undefined,
      (error: unknown) => {
        ctx.onError(error);
        if (!answered) {
          answered = true;
          // Drain the rest of the upload instead of resetting the socket, so the client reads the 500.
          req.unpipe(proxyReq);
          proxyReq.destroy();
          req.resume();
          if (!res.headersSent) res.writeHead(500).end();
          resolve();
        }
      },
    );
  });
}
