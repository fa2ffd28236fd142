import * as df from 'durable-functions';
import { app } from '@azure/functions';

df.app.activity('sayHello', { handler: (city) => `Hello ${city}!` });

df.app.orchestration('chaining', function* (context) {
  const out = [];
  for (const city of ['Tokyo', 'Seattle', 'London']) out.push(yield context.df.callActivity('sayHello', city));
  return out;
});

app.http('startOrchestration', {
  route: 'orchestrators/{name}/{id?}',
  methods: ['POST'],
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: async (request, context) => {
    const client = df.getClient(context);
    const body = await request.text();
    const instanceId = await client.startNew(request.params.name, {
      instanceId: request.params.id,
      input: body ? JSON.parse(body) : undefined,
    });
    return client.createCheckStatusResponse(request, instanceId);
  },
});
