/**
 * Tells the operations webhook (a Teams/Slack relay, a pager) about an escalation. Operators'
 * endpoints are configuration, not client input, so no SSRF guard; a failure throws so the
 * activity is retried by the orchestration's retry policy.
 */
export async function notifyOps(
  url: string | undefined,
  event: { id: string; type: string; subject: string; data: unknown },
): Promise<void> {
  if (!url) return;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'Newsdesk-Event': event.type, 'Newsdesk-Event-Id': event.id },
    body: JSON.stringify(event),
    signal: AbortSignal.timeout(10_000),
  });
  await res.body?.cancel();
  if (!res.ok) throw new Error(`ops webhook answered ${res.status}`);
}
