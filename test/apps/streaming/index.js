import { app } from '@azure/functions';
import { createHash } from 'node:crypto';

// With HTTP streaming the request body reaches the handler as a stream: nothing is buffered whole.
app.setup({ enableHttpStream: true });

app.http('digest', {
  methods: ['POST'],
  authLevel: 'anonymous',
  handler: async (request) => {
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of request.body) {
      hash.update(chunk);
      bytes += chunk.length;
    }
    return { jsonBody: { bytes, sha256: hash.digest('hex') } };
  },
});

app.http('fails', {
  methods: ['POST'],
  authLevel: 'anonymous',
  handler: () => {
    throw new Error('nope');
  },
});
