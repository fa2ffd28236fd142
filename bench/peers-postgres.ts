import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PG_BIN = '/usr/lib/postgresql/15/bin';

export interface Postgres {
  url: string;
  stop(): void;
}

/** Where initdb and pg_ctl live: Debian's PostgreSQL 15 directory, else PATH; undefined when absent. */
function pgBin(): string | undefined {
  if (existsSync(join(PG_BIN, 'pg_ctl'))) return PG_BIN;
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir && existsSync(join(dir, 'pg_ctl'))) return dir;
  return undefined;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** PostgreSQL refuses to run as root: as root, its commands run as `nobody`, who must own the cluster. */
function asPostgresUser(dir: string): (cmd: string, args: string[]) => void {
  const root = process.getuid?.() === 0;
  if (root) {
    chownSync(dir, 65534, 65534);
    chmodSync(dir, 0o700);
  }
  return (cmd, args) => {
    const [file, argv] = root ? ['runuser', ['-u', 'nobody', '--', cmd, ...args]] : [cmd, args];
    execFileSync(file, argv, { stdio: 'pipe', cwd: '/' });
  };
}

/**
 * A throwaway PostgreSQL cluster for the peer benchmark: initdb into a temp dir, started on a free
 * loopback port with fsync on (the default, stated so a reader sees it), removed by `stop`. Returns
 * a reason instead when PostgreSQL is not installed or cannot start here.
 */
export async function startPostgres(): Promise<Postgres | string> {
  const bin = pgBin();
  if (!bin) return `PostgreSQL not found (looked in ${PG_BIN} and on PATH); install Debian's postgresql to compare with DBOS`;
  const base = mkdtempSync(join(tmpdir(), 'newsdesk-pg-'));
  chmodSync(base, 0o755);
  const data = join(base, 'data');
  const run = asPostgresUser(base);
  const port = await freePort();
  const pgCtl = join(bin, 'pg_ctl');
  let started = false;
  const stop = (): void => {
    if (started) {
      try {
        run(pgCtl, ['-D', data, '-m', 'fast', '-w', 'stop']);
      } catch {
        // Already gone: nothing to stop.
      }
    }
    rmSync(base, { recursive: true, force: true });
  };
  try {
    run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    const options = `-c port=${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${base} -c fsync=on -c synchronous_commit=on`;
    run(pgCtl, ['-D', data, '-o', options, '-l', join(base, 'log'), '-w', 'start']);
    started = true;
  } catch (error) {
    stop();
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return `PostgreSQL did not start: ${stderr || String(error)}`;
  }
  return { url: `postgresql://postgres@127.0.0.1:${port}/dbos_bench`, stop };
}
