import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { ArmError, sendArmError, sendJson, type ArmErrorBody } from './arm-error.js';
import { ContainerGroupStore, type AsyncOperation, type StoredGroup } from './container-group-store.js';
import { groupResponse } from './group-response.js';
import { validateContainerGroup, type JsonObject } from './validate-container-group.js';

export interface ArmDoubleOptions {
  /** The only bearer token the double accepts. */
  token?: string;
  /** How long a create stays InProgress (ARM keeps going whether or not anyone polls). */
  provisioningMs?: number;
  deletionMs?: number;
  /** Groups per page of a list, so that the SDK follows nextLink. */
  pageSize?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** The query string, `?` included. */
  query: string;
  apiVersion: string | null;
  /** The parsed JSON body of a PUT, as received (secrets included). */
  body?: unknown;
  status: number;
  /** For a poll of an async operation: the status it was told. */
  operationStatus?: string;
}

export interface ArmDouble {
  /** `https://127.0.0.1:<port>`, the client's endpoint. */
  endpoint: string;
  /** The double's TLS certificate (PEM), for the client's `tlsOptions.ca`. */
  ca: string;
  token: string;
  requests: RecordedRequest[];
  /** Every group the double holds, with its provisioning state. */
  groups(): StoredGroup[];
  /** The next create ends in provisioningState Failed. */
  failNextCreate(error?: ArmErrorBody): void;
  /** ARM answers a DELETE of a missing group with 204; some paths (a missing resource group) give 404. */
  missingDeleteStatus: 204 | 404;
  stop(): Promise<void>;
}

const tls = (file: string) => readFileSync(new URL(`./tls/${file}`, import.meta.url), 'utf8');
const GROUPS =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ContainerInstance\/containerGroups(?:\/([^/]+))?\/?$/i;
const OPERATION = /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.ContainerInstance\/locations\/([^/]+)\/operations\/([^/]+)$/i;
const CHALLENGE = 'Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token"';

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new ArmError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.');
  }
}

/**
 * A local HTTPS double of the ARM endpoints @azure/arm-containerinstance calls for container groups: PUT, GET,
 * DELETE one, GET a resource group's list (paged), and the `Azure-AsyncOperation` status of creates and deletes
 * (InProgress, then Succeeded or Failed). Bearer token required; ARM's error shape; 400 for a body ACI would refuse.
 */
export async function startArmDouble(options: ArmDoubleOptions = {}): Promise<ArmDouble> {
  const token = options.token ?? 'arm-double-token';
  const pageSize = options.pageSize ?? 100;
  const store = new ContainerGroupStore({ provisioningMs: options.provisioningMs ?? 50, deletionMs: options.deletionMs ?? 30 });
  const requests: RecordedRequest[] = [];
  let endpoint = '';

  const operationUrl = (subscriptionId: string, location: unknown, op: AsyncOperation, apiVersion: string) =>
    `${endpoint}/subscriptions/${subscriptionId}/providers/Microsoft.ContainerInstance/locations/${String(location)}/operations/${op.id}?api-version=${apiVersion}`;

  const handle = async (req: IncomingMessage, res: ServerResponse, record: RecordedRequest, url: URL): Promise<void> => {
    const authorization = req.headers.authorization;
    if (!authorization?.startsWith('Bearer ')) {
      throw new ArmError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.");
    }
    if (authorization !== `Bearer ${token}`) throw new ArmError(401, 'InvalidAuthenticationToken', 'The access token is invalid.');
    const apiVersion = url.searchParams.get('api-version');
    if (!apiVersion)
      throw new ArmError(
        400,
        'MissingApiVersionParameter',
        'The api-version query parameter (?api-version=) is required for all requests.',
      );

    const op = OPERATION.exec(url.pathname);
    if (op && req.method === 'GET') {
      const operation = store.operation(op[3]!);
      if (!operation) throw new ArmError(404, 'OperationNotFound', `The operation '${op[3]}' was not found.`);
      const done = operation.doneAt <= Date.now();
      const status = done ? operation.outcome : 'InProgress';
      record.operationStatus = status;
      return sendJson(res, 200, {
        id: url.pathname,
        name: operation.id,
        status,
        startTime: operation.startTime.toISOString(),
        ...(done ? { endTime: new Date(operation.doneAt).toISOString() } : {}),
        ...(done && operation.error ? { error: operation.error } : {}),
      });
    }

    const match = GROUPS.exec(url.pathname);
    if (!match) throw new ArmError(404, 'NotFound', `No route for ${req.method} ${url.pathname}.`);
    const [, subscriptionId, resourceGroup, name] = match as unknown as [string, string, string, string | undefined];

    if (!name) {
      if (req.method !== 'GET') throw new ArmError(405, 'MethodNotAllowed', `${req.method} is not supported on a collection.`);
      const all = store.list(subscriptionId, resourceGroup);
      const skip = Number(url.searchParams.get('$skipToken') ?? 0);
      const page = all.slice(skip, skip + pageSize).map((g) => groupResponse(g, false));
      const next =
        skip + pageSize < all.length ? `${endpoint}${url.pathname}?api-version=${apiVersion}&$skipToken=${skip + pageSize}` : undefined;
      return sendJson(res, 200, { value: page, ...(next ? { nextLink: next } : {}) });
    }

    const notFound = () =>
      new ArmError(
        404,
        'ResourceNotFound',
        `The Resource 'Microsoft.ContainerInstance/containerGroups/${name}' under resource group '${resourceGroup}' was not found.`,
      );
    if (req.method === 'GET') {
      const group = store.get(subscriptionId, resourceGroup, name);
      if (!group) throw notFound();
      return sendJson(res, 200, groupResponse(group, true));
    }
    if (req.method === 'PUT') {
      const body = await readJson(req);
      record.body = body;
      validateContainerGroup(name, body);
      const { group, operation, created } = store.put(subscriptionId, resourceGroup, name, body as JsonObject);
      return sendJson(res, created ? 201 : 200, groupResponse(group, false), {
        'azure-asyncoperation': operationUrl(subscriptionId, group.body.location, operation, apiVersion),
      });
    }
    if (req.method === 'DELETE') {
      const group = store.get(subscriptionId, resourceGroup, name);
      const operation = store.delete(subscriptionId, resourceGroup, name);
      if (!group || !operation) {
        if (double.missingDeleteStatus === 404) throw notFound();
        return sendJson(res, 204, undefined);
      }
      return sendJson(res, 202, undefined, {
        'azure-asyncoperation': operationUrl(subscriptionId, group.body.location, operation, apiVersion),
      });
    }
    throw new ArmError(405, 'MethodNotAllowed', `${req.method} is not supported.`);
  };

  const server = createServer({ key: tls('test-only-key.pem'), cert: tls('test-only-cert.pem') }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const record: RecordedRequest = {
      method: req.method ?? '',
      path: url.pathname,
      query: url.search,
      apiVersion: url.searchParams.get('api-version'),
      status: 0,
    };
    requests.push(record);
    res.on('finish', () => (record.status = res.statusCode));
    handle(req, res, record, url).catch((error: unknown) => {
      const armError = error instanceof ArmError ? error : new ArmError(500, 'InternalServerError', String(error));
      sendArmError(res, armError, armError.status === 401 ? { 'www-authenticate': CHALLENGE } : {});
    });
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const double: ArmDouble = {
    endpoint,
    ca: tls('test-only-cert.pem'),
    token,
    requests,
    groups: () => store.all(),
    failNextCreate: (
      error = { code: 'ServiceUnavailable', message: 'The requested resource is not available in the location at this moment.' },
    ) => store.failNextCreate(error),
    missingDeleteStatus: 204,
    async stop() {
      sockets.forEach((socket) => socket.destroy());
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return double;
}
