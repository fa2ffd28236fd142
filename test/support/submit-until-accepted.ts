import { fixture } from './fixtures.js';

export interface Accepted {
  submissionId: string;
  /** When the 202 came (ms since the epoch). */
  acceptedAt: number;
  /** Requests it took: a host that died or storage that was down answers nothing, or 5xx, or 429. */
  attempts: number;
}

/** What a careful client retries: no answer at all, a server error, a timeout or throttling. */
const RETRYABLE = (status: number) => status >= 500 || status === 408 || status === 429;

/**
 * Submits fixtures as a client would through an outage: each failed request is sent again (after its Retry-After,
 * or a second) until one is accepted or `deadline` passes. Without an Idempotency-Key: a request whose answer was
 * lost with a host may still have been accepted, and its submission then runs unknown to the client (the chaos
 * scenario counts its deliveries apart); with a key, the dead host's claim would hold the retry off for minutes.
 */
export async function submitUntilAccepted(
  target: { url: string; apiKey: string },
  webhookUrl: string,
  files: string[],
  deadline: number,
): Promise<Accepted> {
  let last = '';
  for (let attempts = 1; Date.now() < deadline; attempts++) {
    const form = new FormData();
    form.append('webhookUrl', webhookUrl);
    for (const name of files) form.append('file', new Blob([new Uint8Array(fixture(name))]), name);
    let wait = 1_000;
    try {
      const res = await fetch(`${target.url}/api/submissions`, {
        method: 'POST',
        headers: { 'x-api-key': target.apiKey },
        body: form,
        signal: AbortSignal.timeout(30_000),
      });
      if (res.status === 202)
        return { submissionId: ((await res.json()) as { submissionId: string }).submissionId, acceptedAt: Date.now(), attempts };
      last = `${res.status} ${await res.text()}`;
      if (!RETRYABLE(res.status)) throw new Error(`submission refused: ${last}`);
      wait = Math.max(wait, Number(res.headers.get('retry-after') ?? 0) * 1000);
    } catch (error) {
      if ((error as Error).message.startsWith('submission refused')) throw error;
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, wait));
  }
  throw new Error(`no submission accepted before the deadline; last: ${last}`);
}
