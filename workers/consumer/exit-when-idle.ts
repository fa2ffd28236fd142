import type { Consumer } from './run-consumer.js';

/**
 * Calls `stop` once the consumer has had nothing to do for `idleMs`: a worker run as a Container Apps job execution
 * drains the queue and then ends, so the execution (and its bill) ends with it. The check runs every `checkEveryMs`;
 * the returned function cancels it.
 */
export function exitWhenIdle(consumer: Pick<Consumer, 'idleForMs'>, idleMs: number, stop: () => void, checkEveryMs = 1000): () => void {
  const timer = setInterval(() => {
    if (consumer.idleForMs() < idleMs) return;
    clearInterval(timer);
    stop();
  }, checkEveryMs);
  return () => clearInterval(timer);
}
