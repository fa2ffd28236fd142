import { authHeaders, signedOut } from './session.js';
import { createSseParser, type SseEvent } from './sse-parser.js';

export interface FollowHandlers {
  onEvent: (event: SseEvent) => void;
  /** True once the stream is open, false while it is down and being retried. */
  onConnected: (connected: boolean) => void;
}

const RETRY_MS = 1000;

/**
 * Reads a staff SSE stream with fetch() (EventSource cannot send the bearer key) until `signal` aborts, reconnecting
 * after any end or error: a restarted host or a proxy's idle timeout must not leave the desk silently stale.
 */
export async function followEvents(path: string, handlers: FollowHandlers, signal: AbortSignal): Promise<void> {
  let retryMs = RETRY_MS;
  while (!signal.aborted) {
    try {
      const response = await fetch(path, {
        headers: { accept: 'text/event-stream', ...authHeaders() },
        credentials: 'same-origin',
        cache: 'no-store',
        signal,
      });
      if (response.status === 401) return signedOut();
      if (!response.ok || !response.body) throw new Error(`events: ${response.status}`);
      handlers.onConnected(true);
      const parser = createSseParser((event) => {
        if (event.retry !== undefined) retryMs = event.retry;
        handlers.onEvent(event);
      });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parser.push(value);
      }
    } catch {
      // Aborted, or the connection dropped: the loop condition and the retry below sort out which.
    }
    if (signal.aborted) return;
    handlers.onConnected(false);
    await new Promise((resolve) => setTimeout(resolve, retryMs));
  }
}
