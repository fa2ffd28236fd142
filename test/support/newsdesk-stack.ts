import { launchStack, type LaunchedStack } from '../../infra/stack/launch-stack.js';

export const STACK_MASTER_KEY = 'stack-master-key-0123456789abcdef';
export type Stack = LaunchedStack;

/**
 * The whole pipeline as `npm start` runs it (after the build), on free ports, with a known master key.
 * No worker processes unless `env` asks for them (NEWSDESK_WORKERS_MAX): most suites bring a test worker.
 */
export function startStack(env: Record<string, string> = {}): Promise<Stack> {
  return launchStack({ NEWSDESK_HOST_MASTER_KEY: STACK_MASTER_KEY, NEWSDESK_WORKERS_MAX: '0', ...env });
}
