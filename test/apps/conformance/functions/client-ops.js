import * as df from 'durable-functions';
import { app } from '@azure/functions';

/** Drives the SDK's DurableClient from inside a function: every call goes to the host's RPC endpoint. */
app.http('clientOps', {
  route: 'client/{id}/{op}',
  methods: ['POST', 'GET'],
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: async (request, context) => {
    const client = df.getClient(context);
    const { id, op } = request.params;
    switch (op) {
      case 'start':
        return { jsonBody: { id: await client.startNew('waiter', { instanceId: id }) } };
      case 'raise':
        await client.raiseEvent(id, request.query.get('event'), await request.json());
        return { status: 202 };
      case 'suspend':
        await client.suspend(id, 'via client');
        return { status: 202 };
      case 'resume':
        await client.resume(id, 'via client');
        return { status: 202 };
      case 'terminate':
        await client.terminate(id, 'via client');
        return { status: 202 };
      case 'status': {
        const s = await client.getStatus(id);
        return { jsonBody: { runtimeStatus: s.runtimeStatus, output: s.output, customStatus: s.customStatus } };
      }
      case 'purge':
        return { jsonBody: await client.purgeInstanceHistory(id) };
      default:
        return { status: 404 };
    }
  },
});
