import { parseArgs } from 'node:util';
import { consoleLogger } from './logger.js';
import { startHost } from './host.js';

/** `npm run host -- --app DIR [--port N]`: run any Azure Functions Node v4 app folder, like `func start`. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      app: { type: 'string', default: '.' },
      port: { type: 'string', default: '7071' },
      'rpc-port': { type: 'string', default: '17071' },
      data: { type: 'string' },
      'max-short-timer-ms': { type: 'string' },
      'long-timer-interval-ms': { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
  });
  const logger = consoleLogger('host', values.quiet);
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  const host = await startHost({
    appDir: values.app,
    port: Number(values.port),
    rpcPort: Number(values['rpc-port']),
    dataDir: values.data,
    masterKey: process.env.NEWSDESK_HOST_MASTER_KEY,
    logger,
    durable: { maximumShortTimerMs: num(values['max-short-timer-ms']), longTimerIntervalMs: num(values['long-timer-interval-ms']) },
  });
  console.log(`Functions host listening on ${host.url} (durable RPC ${host.rpcBaseUrl})`);
  for (const f of host.functions) {
    const route = f.trigger.type === 'httpTrigger' ? ` ${host.url}/api/${String(f.trigger.route ?? f.name)}` : '';
    console.log(`  ${f.name}: [${f.trigger.type}]${route}`);
  }
  for (const t of host.topics) console.log(`Event Grid topic '${t.name}': ${t.endpoint} (key ${t.key})`);
  console.log(`Master key: ${host.keys.masterKey}`);
  console.log(`Function key (default): ${host.keys.functionKeys.default}`);
  // Printed last and alone so scripts can wait for it.
  console.log(`HOST_READY ${JSON.stringify({ url: host.url, rpcBaseUrl: host.rpcBaseUrl, pid: process.pid })}`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: stopping`);
    host.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        logger.error('stop failed', { error: String(e) });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
