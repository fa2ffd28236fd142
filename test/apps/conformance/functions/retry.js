import * as df from 'durable-functions';

/** Attempts per key, kept in the host process: the activity fails its first `failures` calls. */
const attempts = new Map();

df.app.activity('flaky', {
  handler: ({ key, failures }) => {
    const list = attempts.get(key) ?? [];
    list.push(Date.now());
    attempts.set(key, list);
    if (list.length <= failures) throw new Error(`flaky failure ${list.length} of ${failures}`);
    return { attempts: list.length, at: list };
  },
});

df.app.orchestration('retrying', function* (context) {
  const { key, failures, maxAttempts, firstMs, backoff } = context.df.getInput();
  const options = new df.RetryOptions(firstMs, maxAttempts);
  options.backoffCoefficient = backoff;
  const result = yield context.df.callActivityWithRetry('flaky', options, { key, failures });
  // Work after the retried call: its sequence numbers must line up with the host's.
  const after = yield context.df.callActivity('sayHello', 'after-retry');
  return { ...result, after };
});
