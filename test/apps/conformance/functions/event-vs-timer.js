import * as df from 'durable-functions';

/** Races an external event against a durable timer; cancels the timer when the event wins. */
df.app.orchestration('approval', function* (context) {
  const { timeoutMs } = context.df.getInput();
  const deadline = new Date(context.df.currentUtcDateTime.getTime() + timeoutMs);
  const timer = context.df.createTimer(deadline);
  const approval = context.df.waitForExternalEvent('Approval');
  const winner = yield context.df.Task.any([approval, timer]);
  if (winner === approval) {
    timer.cancel();
    return { outcome: 'approved', by: approval.result };
  }
  return { outcome: 'timed-out' };
});

/** Waits for two events that may already have been raised before the waits (buffered, FIFO). */
df.app.orchestration('lateWaiter', function* (context) {
  yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + context.df.getInput().delayMs));
  const first = yield context.df.waitForExternalEvent('Note');
  const second = yield context.df.waitForExternalEvent('Note');
  return [first, second];
});

/** A timer longer than the host's maximum short timer: the host fires it in legs. */
df.app.orchestration('longTimer', function* (context) {
  const { durationMs } = context.df.getInput();
  const start = context.df.currentUtcDateTime.getTime();
  yield context.df.createTimer(new Date(start + durationMs));
  return { waitedAtLeastMs: context.df.currentUtcDateTime.getTime() - start };
});
