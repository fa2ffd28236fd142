/**
 * What the classifier's own health check says; `unknown` where nothing can say, with the reason so that the desk can
 * tell an operator which: no classifier configured, or one without a /health (Azure AI Vision) — not an outage.
 */
export interface ClassifierProbe {
  state: 'up' | 'down' | 'unknown';
  reason?: 'not-configured' | 'no-health-endpoint';
  modelLoadMs: number | null;
}

const TIMEOUT_MS = 2000;

/**
 * Asks `GET {endpoint}/health` of the self-hosted classifier (classifier/). Azure AI Vision has no such path: its 404
 * says nothing about the service, so that is `unknown` (the workers' circuit breakers still report an outage).
 */
export function probeClassifier(endpoint: string | undefined): () => Promise<ClassifierProbe> {
  return async () => {
    if (!endpoint) return { state: 'unknown', reason: 'not-configured', modelLoadMs: null };
    try {
      const response = await fetch(new URL('health', endpoint.replace(/\/*$/, '/')), { signal: AbortSignal.timeout(TIMEOUT_MS) });
      if (response.status === 404) return { state: 'unknown', reason: 'no-health-endpoint', modelLoadMs: null };
      const body = (await response.json().catch(() => ({}))) as { status?: unknown; modelLoadMs?: unknown };
      const modelLoadMs = typeof body.modelLoadMs === 'number' ? body.modelLoadMs : null;
      return { state: response.ok && body.status === 'ok' ? 'up' : 'down', modelLoadMs };
    } catch {
      return { state: 'down', modelLoadMs: null };
    }
  };
}
