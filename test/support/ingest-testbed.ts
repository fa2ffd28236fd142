import { HttpRequest, HttpResponse, InvocationContext, type HttpResponseInit } from '@azure/functions';
import * as df from 'durable-functions';
import { expect } from 'vitest';
import { InMemoryBlobStore } from '../../adapters/blob-store/in-memory-blob-store.js';
import { InMemoryDeliveryStore } from '../../adapters/delivery-store/in-memory-delivery-store.js';
import { InMemoryEventPublisher } from '../../adapters/event-publisher/in-memory-event-publisher.js';
import { InMemoryIngestStore } from '../../adapters/ingest-store/in-memory-ingest-store.js';
import type { ClientRecord, SubmissionRecord } from '../../adapters/ingest-store/ingest-store.js';
import type { IngestDeps } from '../../ingest/deps.js';
import { parseAllowList } from '../../lib/net/allow-list.js';
import { hashApiKey } from '../../ingest/security/api-key.js';
import { RateLimiter } from '../../ingest/security/rate-limiter.js';
import { UploadSlots } from '../../ingest/security/upload-slots.js';

export const API_KEY = 'nd_desk-client-key-for-unit-tests-00000';
export const OTHER_KEY = 'nd_other-client-key-for-unit-tests-0000';
export const MAILBOX_KEY = 'nd_mail_mailbox-key-for-unit-tests-000';
/** The desk's editor key (send it as `Authorization: Bearer`, with `key: null`). */
export const EDITOR_KEY = 'nd_editor_key-for-unit-tests-000000000';
export const EDITOR = { id: 'editor:Night editor', name: 'Night editor' };
/** A webhook on a public address (the test DNS below resolves it); `private.example.test` resolves inside the network. */
export const HOOK = 'https://hooks.example.test/newsdesk';
const DNS: Record<string, string> = { 'hooks.example.test': '93.184.216.34', 'private.example.test': '10.0.0.5' };
const MB = 1024 * 1024;

/** What a handler test drives: the deps wired with the in-memory adapters, a client of each kind, and request builders. */
export interface IngestTestbed {
  deps: IngestDeps;
  blobs: InMemoryBlobStore;
  store: InMemoryIngestStore;
  events: InMemoryEventPublisher;
  deliveries: InMemoryDeliveryStore;
  /** Every id `deps.newId` handed out, in order. */
  ids: string[];
  /** The client behind API_KEY (OTHER_KEY is client `other`). */
  client: ClientRecord;
  request(method: string, path: string, init?: RequestInit): HttpRequest;
  /** What requests left behind: every blob, the desk's submissions, published events. */
  stored(): Promise<{ blobs: string[]; submissions: string[]; events: string[] }>;
  /** Records a submission of one photo as intake does (received, its event in the outbox), with `patch` over it. */
  seed(patch?: Partial<SubmissionRecord>): Promise<SubmissionRecord>;
}

export interface RequestInit {
  /** The x-api-key header: API_KEY unless given; null sends none. */
  key?: string | null;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** A body that arrives over time (a slow or stalled client), instead of `body`. */
  stream?: ReadableStream<Uint8Array>;
  params?: Record<string, string>;
}

/** Ingest's dependencies as app/index.ts wires them, with in-memory adapters, a test DNS and the limits of the full-stack suite. */
export async function ingestTestbed(overrides: Partial<IngestDeps> = {}): Promise<IngestTestbed> {
  const [blobs, store, events, deliveries] = [
    new InMemoryBlobStore(),
    new InMemoryIngestStore(),
    new InMemoryEventPublisher(),
    new InMemoryDeliveryStore(),
  ];
  const client: ClientRecord = { clientId: 'desk', name: 'Photo desk', webhookSecret: 's'.repeat(32), rateLimitPerMinute: 1000 };
  await store.putClient(client, hashApiKey(API_KEY));
  await store.putClient({ ...client, clientId: 'other', name: 'Other desk' }, hashApiKey(OTHER_KEY));
  const ids: string[] = [];
  const deps: IngestDeps = {
    blobs,
    store,
    clientByKeyHash: (hash) => store.clientByKeyHash(hash),
    events,
    rateLimiter: new RateLimiter(),
    allowList: parseAllowList(undefined),
    limits: {
      maxFileBytes: 8 * MB,
      maxFiles: 5,
      maxTotalBytes: 12 * MB,
      maxRequestBytes: 100 * MB,
      maxUploadBytes: 5 * 1024 * MB,
      uploadIdleMs: 30_000,
      maxConcurrentUploads: 4,
    },
    uploadSlots: new UploadSlots(overrides.limits?.maxConcurrentUploads ?? 4),
    uploadSessionMinutes: 15,
    mailboxApiKey: MAILBOX_KEY,
    staff: { editorKeys: [{ name: EDITOR.name, hash: hashApiKey(EDITOR_KEY) }], easyAuth: false },
    lookup: async (host) => {
      const address = DNS[host];
      if (!address) throw new Error(`getaddrinfo ENOTFOUND ${host}`);
      return [{ address, family: 4 }];
    },
    now: () => new Date(),
    newId: (prefix) => {
      const id = `${prefix}${String(ids.length + 1).padStart(4, '0')}`;
      ids.push(id);
      return id;
    },
    ...overrides,
  };
  const request = (method: string, path: string, init: RequestInit = {}): HttpRequest => {
    const headers: Record<string, string> = { ...(init.key === null ? {} : { 'x-api-key': init.key ?? API_KEY }), ...init.headers };
    const url = `http://localhost:7071${path}`;
    if (init.stream) {
      // As the programming model builds a request when HTTP streaming is on: around a fetch Request.
      const nativeRequest = new Request(url, { method, headers, body: init.stream, duplex: 'half' } as ConstructorParameters<
        typeof Request
      >[1]);
      return new HttpRequest({ nativeRequest, params: init.params } as ConstructorParameters<typeof HttpRequest>[0]);
    }
    const body = init.body === undefined ? undefined : typeof init.body === 'string' ? { string: init.body } : { bytes: init.body };
    return new HttpRequest({ method, url, headers, body, params: init.params });
  };
  const stored = async () => ({
    blobs: blobs.paths(),
    submissions: (await store.listSubmissions(client.clientId, { limit: 200 })).map((r) => r.submissionId),
    events: events.published.map((e) => e.id),
  });
  const seed = async (patch: Partial<SubmissionRecord> = {}): Promise<SubmissionRecord> => {
    const submissionId = deps.newId('s');
    const at = '2026-03-01T10:00:00.000Z';
    const file = {
      fileId: 'f1',
      name: 'a.jpg',
      size: 3,
      contentType: 'image/jpeg' as const,
      sha256: 'a'.repeat(64),
      blob: `incoming/${submissionId}/f1`,
    };
    const record: SubmissionRecord = {
      ...{ submissionId, clientId: client.clientId, status: 'received', channel: 'http', files: [file], webhookUrl: HOOK },
      ...{ priority: 'normal', receivedAt: at, updatedAt: at, published: false, ...patch },
    };
    await store.createSubmission(record, {
      id: record.submissionId,
      type: 'Newsdesk.Submission.Received',
      source: '/newsdesk/ingest',
      subject: `/submissions/${record.submissionId}`,
      time: new Date(at),
      data: {},
    });
    return record;
  };
  return { deps, blobs, store, events, deliveries, ids, client, request, stored, seed };
}

/**
 * An invocation context with a Durable client binding whose endpoint cannot be reached: handlers
 * see the Durable extension unavailable, activities get management URLs (enqueueAnalysis's callback). What they do with a running orchestration is the full-stack suites' part.
 */
export function invocationContext(): InvocationContext {
  const durable = df.input.durableClient();
  const context = new InvocationContext({ functionName: 'unit-test', options: { extraInputs: [durable] } });
  const base = 'http://127.0.0.1:9/runtime/webhooks/durabletask';
  context.extraInputs.set(durable, {
    taskHubName: 'unit',
    creationUrls: { createNewInstancePostUri: `${base}/orchestrators/{functionName}[/{instanceId}]` },
    managementUrls: {
      id: 'INSTANCEID',
      statusQueryGetUri: `${base}/instances/INSTANCEID`,
      sendEventPostUri: `${base}/instances/INSTANCEID/raiseEvent/{eventName}`,
    },
    baseUrl: base,
    requiredQueryStringParameters: '',
    rpcBaseUrl: 'http://127.0.0.1:9/durabletask/',
  });
  return context;
}

/** The answer as the client receives it: the init run through the Functions library's own response. */
export async function received<T = Record<string, unknown>>(
  init: HttpResponseInit,
): Promise<{ status: number; headers: Headers; body: T }> {
  const response = new HttpResponse(init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

/** Asserts a precise problem answer (RFC 9457): status, content type, the problem `type`'s code and a title. */
export async function expectProblem(
  init: HttpResponseInit,
  status: number,
  code: string,
): Promise<{ headers: Headers; body: Record<string, unknown> }> {
  const answer = await received(init);
  expect(answer.status).toBe(status);
  expect(answer.headers.get('content-type')).toBe('application/problem+json');
  expect(answer.body).toMatchObject({ type: `https://newsdesk.dev/problems/${code}`, status, title: expect.any(String) });
  return answer;
}
