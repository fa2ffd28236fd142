/**
 * Counts each client's multipart uploads running on this instance, so that one client cannot hold
 * every connection (NEWSDESK_MAX_CONCURRENT_UPLOADS). Per instance, as the rate limiter is: with N
 * instances a client may run N times as many.
 */
export class UploadSlots {
  private readonly running = new Map<string, number>();

  constructor(readonly max: number) {}

  /** A slot for `clientId`, given back by calling what it returns; undefined when the client already runs `max`. */
  take(clientId: string): (() => void) | undefined {
    const count = this.running.get(clientId) ?? 0;
    if (count >= this.max) return undefined;
    this.running.set(clientId, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.running.get(clientId) ?? 1) - 1;
      if (left > 0) this.running.set(clientId, left);
      else this.running.delete(clientId);
    };
  }
}
