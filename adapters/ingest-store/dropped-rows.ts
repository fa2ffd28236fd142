import type { ClientRecord } from './ingest-store.js';

/** The key hashes and (lower-case) sender addresses `current` has and `next` no longer lists: their rows go. */
export function droppedRows(current: ClientRecord, next: ClientRecord): { keys: string[]; senders: string[] } {
  const keys = new Set((next.apiKeys ?? []).map((k) => k.hash));
  const senders = new Set((next.mailSenders ?? []).map((a) => a.toLowerCase()));
  return {
    keys: (current.apiKeys ?? []).map((k) => k.hash).filter((hash) => !keys.has(hash)),
    senders: (current.mailSenders ?? []).map((a) => a.toLowerCase()).filter((address) => !senders.has(address)),
  };
}
