import * as df from 'durable-functions';
import { app } from '@azure/functions';

/**
 * Simulates a deployment that changed orchestrator code while an instance was in flight: the
 * activity it calls first depends on a switch flipped over HTTP.
 */
let variant = 'sayHello';

app.http('setVariant', {
  route: 'variant/{name}',
  methods: ['POST'],
  authLevel: 'function',
  handler: (request) => {
    variant = request.params.name;
    return { status: 204 };
  },
});

df.app.activity('sayGoodbye', { handler: (who) => `Goodbye ${who}!` });

df.app.orchestration('changing', function* (context) {
  const first = yield context.df.callActivity(variant, 'Paris');
  yield context.df.waitForExternalEvent('Continue');
  return first;
});
