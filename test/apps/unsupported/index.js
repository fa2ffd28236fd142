import { app } from '@azure/functions';

app.http('fine', { handler: () => ({ body: 'ok' }) });
app.storageQueue('fromQueue', { queueName: 'jobs', connection: 'AzureWebJobsStorage', handler: () => undefined });
