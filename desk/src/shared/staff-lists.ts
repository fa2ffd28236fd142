import { apiFetch } from '../api/api-fetch.js';
import type { Client, Topic } from '../api/types.js';

let clients: Promise<Client[]> | undefined;
let topics: Promise<Topic[]> | undefined;

/** The clients (for filters and the upload picker), fetched once per page load; a failure is retried next time. */
export function loadClients(): Promise<Client[]> {
  clients ??= apiFetch<{ clients: Client[] }>('/api/staff/clients').then(
    (body) => body.clients,
    (error: unknown) => {
      clients = undefined;
      throw error;
    },
  );
  return clients;
}

/** The IPTC Media Topics the desk offers, fetched once per page load. */
export function loadTopics(): Promise<Topic[]> {
  topics ??= apiFetch<{ topics: Topic[] }>('/api/staff/topics').then(
    (body) => body.topics,
    (error: unknown) => {
      topics = undefined;
      throw error;
    },
  );
  return topics;
}
