import * as df from 'durable-functions';

df.app.activity('square', { handler: (n) => n * n });

/** Fan-out/fan-in: one activity per item, all awaited together. */
df.app.orchestration('fanOut', function* (context) {
  const count = context.df.getInput();
  const tasks = [];
  for (let i = 1; i <= count; i++) tasks.push(context.df.callActivity('square', i));
  const results = yield context.df.Task.all(tasks);
  return { count: results.length, sum: results.reduce((a, b) => a + b, 0) };
});
