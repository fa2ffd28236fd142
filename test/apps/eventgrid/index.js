import { app } from '@azure/functions';

/** Events this app's eventGridTrigger function received, in order (kept in the host process). */
const received = [];
let failuresLeft = 0;

app.eventGrid('onNewsEvent', {
  handler: (event, context) => {
    if (failuresLeft > 0) {
      failuresLeft--;
      throw new Error('simulated function failure');
    }
    received.push({ event, functionName: context.functionName });
  },
});

app.http('received', { methods: ['GET'], authLevel: 'function', handler: () => ({ jsonBody: received }) });

app.http('failNext', {
  route: 'fail-next/{count:int}',
  methods: ['POST'],
  authLevel: 'function',
  handler: (request) => {
    failuresLeft = Number(request.params.count);
    return { status: 204 };
  },
});
