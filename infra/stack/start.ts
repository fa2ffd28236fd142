import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, hostCliPath } from '@newsdesk/local-platform';
import { startAzurite } from '@newsdesk/local-platform/azurite';
import { startWebhookInbox } from '@newsdesk/local-platform/inbox';
import { startMailDrop } from '@newsdesk/local-platform/maildrop';
import { supervise } from '@newsdesk/local-platform/supervise';
import { allowDeskUploads } from './allow-desk-uploads.js';
import { checkInboundEmail } from './check-inbound-email.js';
import { deliveryLine } from './delivery-line.js';
import { hostMasterKey } from './host-master-key.js';
import { loadLocalSecrets } from './local-secrets.js';
import { mailDropLogin } from './mail-drop-login.js';
import { emailSenderRefusals } from '../../contracts/email.js';
import { withoutAppSecrets } from './without-app-secrets.js';
import { hashApiKey } from '../../ingest/security/api-key.js';
import { listenForJobWakes } from '../../adapters/job-wake/datagram-job-wakeups.js';

/** The staff member `npm start`'s desk link signs in. */
const LOCAL_EDITOR = 'Local editor';
import { startLocalWorkers, type LocalWorkers } from './start-workers.js';
import { loadLocalSettings } from './settings.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');

/** `npm start`: the whole pipeline on one machine — the webhook inbox, Azurite, the Functions host, the mail drop, the classifier and workers. */
async function main(): Promise<void> {
  const settings = loadLocalSettings(process.env, ROOT);
  const secrets = loadLocalSecrets(settings.dataDir, process.env);
  const mailSenders = settings.devMailSenders
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  // The app's admin key is the host's master key, as `func start` users know it.
  const masterKey = hostMasterKey(settings.dataDir, process.env);
  console.log(`Newsdesk: starting on one machine (data in ${settings.dataDir})`);
  // In this process, first: the development client's default webhook (so mail works with no setting) must be up
  // before the host can deliver to it. It checks the signatures with the secret the host signs with.
  const inbox = await startWebhookInbox({
    port: settings.inboxPort,
    secret: secrets.devWebhookSecret,
    onDelivery: (delivery) => console.log(deliveryLine(delivery)),
  }).catch((e: unknown) => {
    throw new Error(`The webhook inbox could not start (is another instance using port ${settings.inboxPort}?): ${(e as Error).message}`);
  });
  const azurite = await startAzurite({ location: resolve(settings.dataDir, 'azurite'), ...settings.azurite }).catch((e: unknown) => {
    throw new Error(
      `Azurite could not start (is another instance using ports ${settings.azurite.blobPort}-${settings.azurite.tablePort}?): ${(e as Error).message}`,
    );
  });
  // The app publishes to the host's own topic, so the host's port must be known before it starts.
  const hostPort = settings.hostPort || (await freePort());
  const origin = `http://127.0.0.1:${hostPort}`;
  // The desk's block uploads and pictures go from its page straight to Blob Storage.
  await allowDeskUploads(azurite.connectionString, [origin, `http://localhost:${hostPort}`]);
  // The classifier service loads its models while the host starts; the workers need it, so it runs when they do.
  const classifierEndpoint =
    settings.classifier.endpoint ??
    (settings.workers.max > 0 ? `http://127.0.0.1:${settings.classifier.port || (await freePort())}` : undefined);
  // The app nudges this loopback port after each job it enqueues; the worker runner relays it to its workers.
  const jobWakes = settings.workers.max > 0 ? await listenForJobWakes() : undefined;
  const env = {
    ...process.env,
    ...(jobWakes && { NEWSDESK_WORK_QUEUE_WAKE: `127.0.0.1:${jobWakes.port}` }),
    AzureWebJobsStorage: azurite.connectionString,
    NEWSDESK_EVENTGRID_ENDPOINT: `${origin}/runtime/eventgrid/topics/newsdesk/api/events`,
    // The webhook's links point here, on whatever port the host got.
    NEWSDESK_PUBLIC_URL: process.env.NEWSDESK_PUBLIC_URL ?? origin,
    NEWSDESK_EVENTGRID_KEY: secrets.eventGridTopicKey,
    NEWSDESK_EVENTGRID_TOPIC_KEY: secrets.eventGridTopicKey,
    NEWSDESK_WEBHOOK_ALLOWLIST: settings.webhookAllowList,
    NEWSDESK_DEV_API_KEY: secrets.devApiKey,
    NEWSDESK_DEV_WEBHOOK_SECRET: secrets.devWebhookSecret,
    NEWSDESK_DEV_WEBHOOK_URL: process.env.NEWSDESK_DEV_WEBHOOK_URL ?? inbox.url,
    NEWSDESK_DEV_MAIL_SENDERS: settings.devMailSenders,
    NEWSDESK_MAILBOX_API_KEY: secrets.mailboxApiKey,
    NEWSDESK_HOST_MASTER_KEY: masterKey,
    NEWSDESK_ADMIN_KEY: masterKey,
    NEWSDESK_EDITOR_KEYS: JSON.stringify([{ name: LOCAL_EDITOR, hash: hashApiKey(secrets.editorKey) }]),
    NEWSDESK_JOB_TOKEN_KEY: secrets.jobTokenKey,
    // Host, workers and classifier append their spans to one file: `npm run trace` shows a submission's trace.
    ...(settings.traceFile ? { NEWSDESK_TRACE_FILE: settings.traceFile } : {}),
  };
  const host = supervise(
    'host',
    [hostCliPath(), '--app', ROOT, '--port', String(hostPort), '--rpc-port', String(settings.rpcPort), '--data', settings.dataDir],
    // The desk's system view asks the classifier's /health (workers get the endpoint only once the classifier is up).
    classifierEndpoint ? { ...env, NEWSDESK_CLASSIFIER_ENDPOINT: classifierEndpoint } : env,
    'HOST_READY ',
  );
  const classifier =
    classifierEndpoint && !settings.classifier.endpoint
      ? supervise(
          'classifier',
          [resolve(ROOT, 'dist/classifier/main.js')],
          {
            ...withoutAppSecrets(process.env),
            NEWSDESK_CLASSIFIER_HOST: '127.0.0.1',
            NEWSDESK_CLASSIFIER_PORT: new URL(classifierEndpoint).port,
            NEWSDESK_CLASSIFIER_KEY: secrets.classifierKey,
            ...(settings.traceFile ? { NEWSDESK_TRACE_FILE: settings.traceFile } : {}),
          },
          'CLASSIFIER_READY ',
        )
      : undefined;
  const started: { mailDrop?: { port: number; close(): Promise<void> }; workers?: LocalWorkers } = {};
  // In dependency order: workers use the classifier, the host and storage; the host delivers to the inbox and takes
  // the mail drop's mail; everything stores in Azurite. Children lead their own process groups, so Ctrl-C reaches
  // only this process, and nothing is restarted once a supervisor is stopping.
  // Each process gets a share of the 10 s Ctrl-C may take before it is killed: a worker's jobs not finished by then
  // are given back or, killed, seen again by another worker once their queue message's lease ends.
  const stopAll = async (): Promise<void> => {
    await started.workers?.stop(3_000);
    await jobWakes?.close();
    await classifier?.stop(1_500);
    await host.stop(2_000);
    await Promise.all([started.mailDrop?.close(), inbox.close()]);
    await azurite.stop(1_500);
  };
  let stopping = false;
  const onSignal = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping Newsdesk…`);
    stopAll().then(
      () => {
        console.log('Newsdesk stopped. Run `npm start` again to resume where it left off.');
        process.exit(0);
      },
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  try {
    await host.ready;
  } catch (e) {
    await azurite.stop();
    throw e;
  }
  await waitForHealth(`${origin}/api/health`);
  const mailDrop = (started.mailDrop = await startMailDrop({
    port: settings.mailDropPort,
    endpoint: `${origin}/api/submissions/email`,
    apiKey: secrets.mailboxApiKey,
    appName: 'Newsdesk',
    check: checkInboundEmail,
    // Each development sender logs in as itself: ingest trusts `auth=pass smtp.auth=<user>` for that From: address only.
    authenticate: mailDropLogin(mailSenders, secrets.mailDropPassword),
    senderRefusals: emailSenderRefusals,
  }));
  // Without its models the pipeline still runs: workers then report media analysis without classification.
  const classifierUp = classifier
    ? await classifier.ready.then(
        () => true,
        (error: Error) => (console.error(`The classifier service did not start (${error.message}); workers will not classify.`), false),
      )
    : classifierEndpoint !== undefined;
  if (settings.workers.max > 0) {
    // The workers get no secret of the app's: their jobs' tokens are all they need to report back.
    const workerEnv =
      classifierUp && classifierEndpoint
        ? {
            ...withoutAppSecrets(env),
            NEWSDESK_CLASSIFIER_ENDPOINT: classifierEndpoint,
            NEWSDESK_CLASSIFIER_KEY: process.env.NEWSDESK_CLASSIFIER_KEY ?? secrets.classifierKey,
            // Sized for the local service in settings.ts: more jobs than classifier calls, so a worker pipelines them.
            NEWSDESK_CLASSIFIER_CONCURRENCY: String(settings.workers.classifierConcurrency),
            // The bundled offline models score what they recognise lower than Azure AI Vision does (the dog in
            // dog-bicycle-truck.jpg at 0.40): with them, the summary keeps tags and objects from 0.35.
            ...(classifier && {
              NEWSDESK_SUMMARY_MIN_TAG_CONFIDENCE: process.env.NEWSDESK_SUMMARY_MIN_TAG_CONFIDENCE ?? '0.35',
              NEWSDESK_SUMMARY_MIN_OBJECT_CONFIDENCE: process.env.NEWSDESK_SUMMARY_MIN_OBJECT_CONFIDENCE ?? '0.35',
            }),
          }
        : withoutAppSecrets(env);
    started.workers = startLocalWorkers({
      root: ROOT,
      dataDir: settings.dataDir,
      env: { ...workerEnv, NEWSDESK_WORKER_CONCURRENCY: String(settings.workers.concurrency) },
      queueName: process.env.NEWSDESK_WORK_QUEUE ?? 'analysis-jobs',
      policy: settings.workers,
      wakeups: jobWakes,
    });
  }
  // The key travels in the fragment, which the browser never sends: the desk moves it into session storage.
  const deskUrl = `${origin}/api/desk/#signin=${secrets.editorKey}`;
  console.log(
    [
      '',
      `Desk:          ${deskUrl}  (signs you in as the ${LOCAL_EDITOR.toLowerCase()})`,
      '',
      'Newsdesk is running. Send media to:',
      `  POST ${origin}/api/submissions   (multipart/form-data: files + webhookUrl (default: the inbox), reference, priority, metadata)`,
      `       header x-api-key: ${secrets.devApiKey}`,
      `  POST ${origin}/api/uploads       (large files: upload sessions with SAS URLs)`,
      `  SMTP 127.0.0.1:${mailDrop.port}          (photos or videos attached, from ${mailSenders.join(' or ')}, logged in as that address)`,
      `       SMTP AUTH PLAIN or LOGIN: user ${mailSenders[0] ?? '<a NEWSDESK_DEV_MAIL_SENDERS address>'}, password ${secrets.mailDropPassword}`,
      `Inbox:         ${inbox.url}  (the development client's default webhook: one line per delivery below, the last 200 kept)`,
      `Status:        GET ${origin}/api/submissions/{id}  (and /events for Server-Sent Events)`,
      `Webhooks are signed with the development secret: ${secrets.devWebhookSecret}`,
      `Clients:       ${origin}/api/manage/clients  (header x-admin-key: ${masterKey}, the host master key)`,
      `Health:        ${origin}/api/health`,
      `Durable API:   ${origin}/runtime/webhooks/durabletask/instances?code=<master key>`,
      classifierEndpoint
        ? `Classifier:    POST ${classifierEndpoint}/computervision/imageanalysis:analyze?api-version=2023-10-01&features=tags,objects,people,read  (Ocp-Apim-Subscription-Key: ${classifier ? secrets.classifierKey : '<yours>'})`
        : 'Classifier:    none (no workers)',
      `Blob Storage:  ${azurite.blobUrl} (Azurite); results under results/{submissionId}/{fileId}/`,
      settings.workers.max > 0
        ? `Workers:       ${settings.workers.min}–${settings.workers.max} processes, scaled on the work queue's backlog; what runs: ${resolve(settings.dataDir, 'workers.json')}`
        : 'Workers:       none (NEWSDESK_WORKERS_MAX=0)',
      settings.traceFile
        ? `Traces:        ${settings.traceFile}; print one: npm run trace -- <submissionId>`
        : 'Traces:        sent to the OTLP collector / Azure Monitor that is set',
      `Secrets are kept in ${resolve(settings.dataDir, 'local-secrets.json')}; the host's keys are printed above.`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  console.log(
    `NEWSDESK_READY ${JSON.stringify({ url: origin, storage: azurite.connectionString, apiKey: secrets.devApiKey, editorKey: secrets.editorKey, deskUrl, mailDropPort: mailDrop.port, mailDropUser: mailSenders[0], mailDropPassword: secrets.mailDropPassword, inboxUrl: inbox.url })}`,
  );
}

async function waitForHealth(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not report healthy within 60 s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
