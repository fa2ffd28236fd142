import * as df from 'durable-functions';

/** Waits for an event forever: for terminate and suspend/resume. */
df.app.orchestration('waiter', function* (context) {
  context.df.setCustomStatus({ stage: 'waiting' });
  const data = yield context.df.waitForExternalEvent('Go');
  context.df.setCustomStatus({ stage: 'got-go' });
  const more = yield context.df.waitForExternalEvent('Finish');
  return { data, more };
});

/** Five slow steps; used to kill the host mid-orchestration. */
df.app.activity('slowStep', {
  handler: async (step) => {
    await new Promise((r) => setTimeout(r, 400));
    return `step-${step}`;
  },
});

df.app.orchestration('slowChain', function* (context) {
  const out = [];
  for (let i = 1; i <= 5; i++) out.push(yield context.df.callActivity('slowStep', i));
  return out;
});
