import { app } from '@azure/functions';

const ticks = [];

app.timer('everySecond', { schedule: '*/1 * * * * *', handler: (timer) => void ticks.push({ at: Date.now(), timer }) });

app.http('ticks', { methods: ['GET'], authLevel: 'anonymous', handler: () => ({ jsonBody: ticks }) });

app.http('echo', {
  route: 'echo/{id:int}/{*rest}',
  methods: ['GET', 'PUT'],
  authLevel: 'function',
  handler: async (request) => ({
    status: 201,
    headers: { 'x-echo': 'yes' },
    jsonBody: {
      id: request.params.id,
      rest: request.params.rest,
      method: request.method,
      q: request.query.get('q'),
      body: await request.text(),
    },
  }),
});

app.http('adminOnly', { route: 'admin-only', authLevel: 'admin', handler: () => ({ body: 'secret' }) });

app.http('crash', {
  route: 'crash',
  authLevel: 'anonymous',
  handler: () => {
    throw new Error('boom');
  },
});
