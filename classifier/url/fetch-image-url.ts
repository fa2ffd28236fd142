import { request } from 'undici';
import type { AllowList } from '../../lib/net/allow-list.js';
import { describeNetworkError } from '../../lib/net/describe-network-error.js';
import type { Lookup } from '../../lib/net/lookup.js';
import { pinnedAgent } from '../../lib/net/pinned-agent.js';
import { resolveTarget } from '../../lib/net/resolve-target.js';
import { untilAborted } from '../../lib/net/until-aborted.js';
import { discardBody } from '../../lib/streams/discard-body.js';
import { readCapped } from '../../lib/streams/read-capped.js';
import { TooLarge } from '../../lib/streams/too-large.js';
import { ImageAnalysisError, imageAnalysisErrors } from '../errors.js';

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
  if (target.kind === 'rejected') throw imageAnalysisErrors.imageUrl(target.reason);
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
      discardBody(body, { bytes: 0 });
      return { kind: 'redirect', location: new URL(headers.location, target.url).href };
    }
    if (status < 200 || status >= 300) {
      discardBody(body, { bytes: 0 });
      throw imageAnalysisErrors.imageDownload(`the server answered ${status}`);
    }
    try {
      return { kind: 'image', bytes: await readCapped(body, options.maxBytes, { declaredBytes: Number(headers['content-length']) }) };
    } catch (error) {
      // The rest is never downloaded.
      discardBody(body, { bytes: 0 });
      if (error instanceof TooLarge) throw imageAnalysisErrors.imageBytes(options.maxBytes);
      throw error;
    }
  } finally {
    await agent.destroy().catch(() => undefined);
  }
}
