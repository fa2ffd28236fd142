import { request, type Dispatcher } from 'undici';
import type { AllowList } from '../../ingest/security/allow-list.js';
import type { Lookup } from '../../ingest/security/webhook-url.js';
import { pinnedAgent } from '../../orchestrator/webhooks/pinned-agent.js';
import { resolveTarget } from '../../orchestrator/webhooks/resolve-target.js';
import { ImageAnalysisError, imageAnalysisErrors } from '../errors.js';
import { describeNetworkError, discardBody, untilAborted } from '../../orchestrator/webhooks/outbound-request.js';

export interface FetchImageUrlOptions {
  allowList: AllowList;
  maxBytes: number;
  /** The whole fetch, redirects included: DNS, connect, answer, body. */
  timeoutMs: number;
  /** DNS; tests inject one. */
  lookup?: Lookup;
  signal?: AbortSignal;
}

const MAX_REDIRECTS = 3;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Downloads the image of a `{ "url": … }` request, as Azure downloads it, with the SSRF guard the webhooks use: every
 * address the host resolves to must be public (or allow-listed), the socket is pinned to the checked addresses (a
 * rebinding DNS server gets no second chance), every redirect hop is checked the same way, and the body is cut at
 * `maxBytes`. Failures are Azure's 400s: InvalidImageUrl, or the image-size error for a body over the cap.
 */
export async function fetchImageUrl(raw: string, options: FetchImageUrlOptions): Promise<Buffer> {
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  let url = raw;
  try {
    for (let hop = 0; ; hop++) {
      const answer = await get(url, options, signal);
      if (answer.kind === 'image') return answer.bytes;
      if (hop === MAX_REDIRECTS) throw imageAnalysisErrors.imageDownload(`more than ${MAX_REDIRECTS} redirects`);
      url = answer.location;
    }
  } catch (error) {
    if (error instanceof ImageAnalysisError) throw error;
    if (options.signal?.aborted) throw options.signal.reason;
    if (deadline.aborted) throw imageAnalysisErrors.imageDownload(`no complete answer within ${options.timeoutMs / 1000} s`);
    throw imageAnalysisErrors.imageDownload(describeNetworkError(error));
  }
}

type Answer = { kind: 'image'; bytes: Buffer } | { kind: 'redirect'; location: string };

async function get(raw: string, options: FetchImageUrlOptions, signal: AbortSignal): Promise<Answer> {
  const target = await untilAborted(resolveTarget(raw, { allowList: options.allowList, lookup: options.lookup }), signal);
  if (target.kind === 'rejected') throw imageAnalysisErrors.imageUrl(guardReason(target.reason));
  if (target.kind === 'unresolved') throw imageAnalysisErrors.imageDownload(target.reason);

  const agent = pinnedAgent(target.addresses, options.timeoutMs);
  try {
    const response = await request(target.url, {
      dispatcher: agent,
      method: 'GET',
      headers: { accept: 'image/*', 'user-agent': 'Newsdesk-Classifier/1' },
      signal,
    });
    const { statusCode: status, headers, body } = response;
    if (REDIRECTS.has(status) && typeof headers.location === 'string') {
      discardBody(body);
      return { kind: 'redirect', location: new URL(headers.location, target.url).href };
    }
    if (status < 200 || status >= 300) {
      discardBody(body);
      throw imageAnalysisErrors.imageDownload(`the server answered ${status}`);
    }
    const declared = Number(headers['content-length']);
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      discardBody(body);
      throw imageAnalysisErrors.imageBytes(options.maxBytes);
    }
    return { kind: 'image', bytes: await readUpTo(body, options.maxBytes) };
  } finally {
    await agent.destroy().catch(() => undefined);
  }
}

async function readUpTo(body: Dispatcher.ResponseData['body'], maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  body.on('error', () => undefined);
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    // Leaving the loop destroys the body: the rest is never downloaded.
    if (size > maxBytes) throw imageAnalysisErrors.imageBytes(maxBytes);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, size);
}

/** The guard words its reasons for webhooks ("The webhook URL is rejected: its host … is not public …"). */
export function guardReason(reason: string): string {
  return reason.replace(/^The webhook URL is rejected: /, '').replace(/\.$/, '');
}
