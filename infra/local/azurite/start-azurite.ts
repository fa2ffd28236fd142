import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { supervise } from '../supervise.js';

/** Azurite's fixed development account: public, documented by Microsoft, never a secret. */
export const DEV_ACCOUNT = 'devstoreaccount1';
export const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface AzuriteOptions {
  /** Folder for Azurite's data; created if missing. */
  location: string;
  /** 0 picks a free port; `npm start` uses Azurite's defaults (10000, 10001, 10002). */
  blobPort?: number;
  queuePort?: number;
  tablePort?: number;
}

export interface RunningAzurite {
  blobUrl: string;
  queueUrl: string;
  tableUrl: string;
  /** A connection string the Azure SDK clients accept (`UseDevelopmentStorage=true` assumes fixed ports). */
  connectionString: string;
  /** Azurite's process now (a restart changes it). */
  pid(): number | undefined;
  /** SIGTERM, then SIGKILL after `timeoutMs` (5 s by default). */
  stop(timeoutMs?: number): Promise<void>;
}

const LISTENING = /Azurite (Blob|Queue|Table) service is successfully listening at (http:\/\/\S+)/;
const READY_TIMEOUT_MS = 60_000;

/** Ready once all three services said where they listen: with their URLs. */
function listeningUrls(): (line: string) => Record<string, string> | undefined {
  const urls: Record<string, string> = {};
  return (line) => {
    const m = LISTENING.exec(line);
    if (m?.[1] && m[2]) urls[m[1]] = m[2];
    return urls.Blob && urls.Queue && urls.Table ? urls : undefined;
  };
}

/**
 * Starts the Azurite npm package as a supervised child process and resolves once all three services listen.
 * Azurite that dies unexpectedly is restarted (with back-off), on the ports its first launch got, so the
 * connection string stays right; `stop()` stops it for good.
 */
export async function startAzurite(options: AzuriteOptions): Promise<RunningAzurite> {
  mkdirSync(options.location, { recursive: true });
  const require = createRequire(import.meta.url);
  const bin = join(dirname(require.resolve('azurite/package.json')), 'dist', 'src', 'azurite.js');
  const ports = { blob: options.blobPort ?? 0, queue: options.queuePort ?? 0, table: options.tablePort ?? 0 };
  const args = (): string[] => [
    bin,
    '--silent',
    '--skipApiVersionCheck',
    '--loose',
    // Azurite reports usage to Application Insights unless told not to: nothing here may leave the machine.
    '--disableTelemetry',
    '--location',
    options.location,
    '--blobHost',
    '127.0.0.1',
    '--queueHost',
    '127.0.0.1',
    '--tableHost',
    '127.0.0.1',
    '--blobPort',
    String(ports.blob),
    '--queuePort',
    String(ports.queue),
    '--tablePort',
    String(ports.table),
  ];
  const azurite = supervise('azurite', args, process.env, listeningUrls, { stopTimeoutMs: 5_000 });
  let timeout: NodeJS.Timeout | undefined;
  const urls = await Promise.race([
    azurite.ready as Promise<Record<string, string>>,
    new Promise<never>((_, reject) => {
      timeout = setTimeout(() => reject(new Error(`Azurite was not listening within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
    }),
  ])
    .catch(async (e: unknown) => {
      await azurite.stop();
      throw e;
    })
    .finally(() => clearTimeout(timeout));
  const port = (url = ''): number => Number(new URL(url).port);
  Object.assign(ports, { blob: port(urls.Blob), queue: port(urls.Queue), table: port(urls.Table) });
  const blobUrl = `${urls.Blob}/${DEV_ACCOUNT}`;
  const queueUrl = `${urls.Queue}/${DEV_ACCOUNT}`;
  const tableUrl = `${urls.Table}/${DEV_ACCOUNT}`;
  return {
    blobUrl,
    queueUrl,
    tableUrl,
    connectionString:
      `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};` +
      `BlobEndpoint=${blobUrl};QueueEndpoint=${queueUrl};TableEndpoint=${tableUrl};`,
    pid: () => azurite.info().pid,
    stop: (timeoutMs?: number) => azurite.stop(timeoutMs),
  };
}
