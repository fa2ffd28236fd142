import * as df from 'durable-functions';

df.app.orchestration('parent', function* (context) {
  const cities = yield context.df.callSubOrchestrator('chaining', undefined, `${context.df.instanceId}-child`);
  const fan = yield context.df.callSubOrchestrator('fanOut', 10);
  return { cities, fan };
});

/** continueAsNew loop: counts to the target, one execution per step. */
df.app.orchestration('counter', function* (context) {
  const { value, target } = context.df.getInput();
  yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + 10));
  if (value < target) {
    context.df.continueAsNew({ value: value + 1, target });
    return;
  }
  return value;
});

/** Calls a sub-orchestration with an id that is already running: the call fails, the other instance is untouched. */
df.app.orchestration('collide', function* (context) {
  try {
    yield context.df.callSubOrchestrator('waiter', undefined, context.df.getInput().childId);
    return 'unexpected';
  } catch (error) {
    return error.message;
  }
});
