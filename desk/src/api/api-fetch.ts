import { ApiError } from './api-error.js';
import { authHeaders, signedOut } from './session.js';

/**
 * One staff API call: the editor key as a bearer token (locally) or the same-origin auth cookie (Azure), JSON in and
 * out, and problem details turned into an ApiError. A 401 signs the desk out, whichever page asked.
 */
export async function apiFetch<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...authHeaders() };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, {
    method: init.method ?? 'GET',
    headers,
    credentials: 'same-origin',
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (response.status === 401) signedOut();
  if (!response.ok) throw await apiErrorOf(response);
  const text = await response.text();
  return (text ? JSON.parse(text) : {}) as T;
}

/** Reads a failed answer's problem details; a body that is not one still gives a readable error. */
export async function apiErrorOf(response: Response): Promise<ApiError> {
  const problem = (await response.json().catch(() => ({}))) as { title?: string; detail?: string; code?: string; type?: string };
  const title = problem.title ?? `The server answered ${response.status}`;
  return new ApiError(response.status, title, problem.detail, problem.code ?? problem.type);
}
