import { expect } from 'vitest';
import { launchStack, type LaunchedStack } from '../../infra/stack/launch-stack.js';
import { fixture } from './fixtures.js';

export const STACK_MASTER_KEY = 'stack-master-key-0123456789abcdef';
export type Stack = LaunchedStack;

/**
 * The whole pipeline as `npm start` runs it (after the build), on free ports, with a known master key.
 * No worker processes unless `env` asks for them (NEWSDESK_WORKERS_MAX): most suites bring a test worker.
 */
export function startStack(env: Record<string, string> = {}): Promise<Stack> {
  return launchStack({ NEWSDESK_HOST_MASTER_KEY: STACK_MASTER_KEY, NEWSDESK_WORKERS_MAX: '0', ...env });
}

/** What the API answers a submission with: the parts these suites read. */
export interface Submitted {
  submissionId: string;
  files: { fileId: string; name: string }[];
}

/**
 * POSTs real fixtures as a client's form, with the webhook URL, and expects 202. Each file is a
 * fixture's name, or [fixture, name] to upload it under another name.
 */
export async function submitFixtures(stack: Stack, webhookUrl: string, files: (string | [string, string])[]): Promise<Submitted> {
  const form = new FormData();
  form.append('webhookUrl', webhookUrl);
  for (const file of files) {
    const [source, name] = typeof file === 'string' ? [file, file] : file;
    form.append('file', new Blob([new Uint8Array(fixture(source))]), name);
  }
  const res = await fetch(`${stack.url}/api/submissions`, { method: 'POST', headers: { 'x-api-key': stack.apiKey }, body: form });
  expect(res.status).toBe(202);
  return (await res.json()) as Submitted;
}
