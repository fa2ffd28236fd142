import * as df from 'durable-functions';

// The "HelloCities5" workload from the Durable Functions performance docs: five no-op activities in sequence.
df.app.activity('hello', { handler: (city) => `Hello ${city}` });

df.app.orchestration('helloCities5', function* (context) {
  const out = [];
  for (const city of ['Tokyo', 'Seattle', 'London', 'Cairo', 'Lima']) out.push(yield context.df.callActivity('hello', city));
  return out;
});

df.app.orchestration('fanOutFanIn', function* (context) {
  const n = context.df.getInput();
  const tasks = [];
  for (let i = 0; i < n; i++) tasks.push(context.df.callActivity('hello', String(i)));
  const results = yield context.df.Task.all(tasks);
  return results.length;
});

df.app.orchestration('sequential', function* (context) {
  const n = context.df.getInput();
  for (let i = 0; i < n; i++) yield context.df.callActivity('hello', String(i));
  return n;
});
