// Rules that keep orchestrator code deterministic: every replay must schedule the same work.
// Use context.df.currentUtcDateTime for time and context.df.newGuid() for ids; do I/O in activities.
const NODE_BUILTINS = [
  'fs',
  'fs/promises',
  'http',
  'https',
  'net',
  'dns',
  'os',
  'child_process',
  'crypto',
  'timers',
  'worker_threads',
  'cluster',
];

export const orchestratorRules = {
  'no-restricted-imports': [
    'error',
    {
      paths: NODE_BUILTINS.map((name) => ({ name, message: 'Orchestrators must not do I/O: call an activity.' })),
      patterns: [
        { group: ['node:*'], message: 'Orchestrators must not use Node built-ins: call an activity.' },
        {
          group: ['@azure/storage-*', '@azure/eventgrid', '@azure/service-bus', 'undici', 'axios'],
          message: 'Orchestrators must not do I/O: call an activity.',
        },
      ],
    },
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Date', property: 'now', message: 'Use context.df.currentUtcDateTime.' },
    { object: 'Math', property: 'random', message: 'Randomness breaks replay: use context.df.newGuid() or an activity.' },
    { object: 'performance', property: 'now', message: 'Use context.df.currentUtcDateTime.' },
    { object: 'process', property: 'env', message: 'Settings can change between replays: pass them in the input.' },
    { object: 'crypto', property: 'randomUUID', message: 'Use context.df.newGuid().' },
  ],
  'no-restricted-globals': [
    'error',
    ...['fetch', 'setTimeout', 'setInterval', 'setImmediate', 'XMLHttpRequest', 'require'].map((name) => ({
      name,
      message: `${name} is not replay-safe in an orchestrator: use durable timers or activities.`,
    })),
  ],
  'no-restricted-syntax': [
    'error',
    {
      selector: "NewExpression[callee.name='Date'][arguments.length=0]",
      message: 'new Date() reads the clock: use context.df.currentUtcDateTime.',
    },
    { selector: "CallExpression[callee.name='Date']", message: 'Date() reads the clock: use context.df.currentUtcDateTime.' },
    { selector: 'AwaitExpression', message: 'Orchestrators yield durable tasks; await runs outside the replay.' },
  ],
};
