import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAzurite } from './azurite/start-azurite.js';
import { loadLocalSettings } from './settings.js';
import { supervise } from './supervise.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');

/** `npm start`: the whole pipeline on one machine — Azurite, the Functions host, and (as they land) workers and services. */
async function main(): Promise<void> {
  const settings = loadLocalSettings(process.env, ROOT);
  console.log(`Newsdesk: starting on one machine (data in ${settings.dataDir})`);
  const azurite = await startAzurite({ location: resolve(settings.dataDir, 'azurite'), ...settings.azurite }).catch((e: unknown) => {
    throw new Error(
      `Azurite could not start (is another instance using ports ${settings.azurite.blobPort}-${settings.azurite.tablePort}?): ${(e as Error).message}`,
    );
  });
  const env = { ...process.env, AzureWebJobsStorage: azurite.connectionString };
  const host = supervise(
    'host',
    [
      resolve(ROOT, 'dist/infra/local/host/cli.js'),
      '--app',
      ROOT,
      '--port',
      String(settings.hostPort),
      '--rpc-port',
      String(settings.rpcPort),
      '--data',
      settings.dataDir,
    ],
    env,
    'HOST_READY ',
  );
  const stopAll = async (): Promise<void> => {
    await host.stop();
    await azurite.stop();
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
  let info: Record<string, unknown>;
  try {
    info = await host.ready;
  } catch (e) {
    await azurite.stop();
    throw e;
  }
  const url = String(info.url);
  await waitForHealth(`${url}/api/health`);
  console.log(
    [
      '',
      'Newsdesk is running.',
      `  Health:            ${url}/api/health`,
      `  Durable HTTP API:  ${url}/runtime/webhooks/durabletask/instances?code=<master key>`,
      `  Blob Storage:      ${azurite.blobUrl} (Azurite)`,
      `  Queue Storage:     ${azurite.queueUrl} (Azurite)`,
      '  Keys and Event Grid topics are printed by the host above.',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  console.log(`NEWSDESK_READY ${JSON.stringify({ url, blobUrl: azurite.blobUrl })}`);
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
