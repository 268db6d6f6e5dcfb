import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/**
 * A throwaway PostgreSQL cluster for specs: initdb into a temp dir, started on a free loopback
 * port with fsync off (nothing here needs to survive a crash), stopped and deleted by `stop()`.
 * It uses the Debian server binaries (`apt-get install postgresql`; .ci/run installs them). When
 * they are missing the specs that need them fail with that message: they are never skipped.
 * PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` user.
 */
export interface PostgresCluster {
  port: number;
  /** A URL of a database of the cluster (`postgres`, the maintenance database, by default). */
  url(database?: string): string;
  /** Creates a fresh database and resolves with its URL. */
  createDatabase(name?: string): Promise<string>;
  /** Runs SQL as the superuser in the maintenance database. */
  sql<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, params?: unknown[]): Promise<T[]>;
  /** Ends a backend session, as a crash of its client or an operator's pg_terminate_backend would. */
  terminate(pid: number): Promise<void>;
  stop(): Promise<void>;
}

/** The newest Debian PostgreSQL server's bin directory. */
export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  if (versions.length === 0) {
    throw new Error(
      'PostgreSQL server binaries not found (/usr/lib/postgresql/<version>/bin/initdb). The PostgreSQL read-model specs need them: ' +
        'apt-get update && apt-get install -y postgresql (.ci/run does this).',
    );
  }
  const newest = versions.sort((a, b) => Number(a) - Number(b)).at(-1)!;
  return join(root, newest, 'bin');
}

export async function startPostgres(): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'socai-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
    const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
    chownSync(dir, uid, gid);
  }
  const pgRun = (tool: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]) : run(join(bin, tool), args);

  await pgRun('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  let port = 0;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    const settings = [
      `-p ${port}`, '-c listen_addresses=127.0.0.1', "-c unix_socket_directories=''", '-c fsync=off',
      '-c synchronous_commit=off', '-c full_page_writes=off', '-c max_connections=200',
    ].join(' ');
    try {
      await pgRun('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '30', '-o', settings, 'start']);
      break;
    } catch (error) {
      // Another process may have taken the port between the probe and the start: try another.
      if (attempt >= 3) {
        const log = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8') : '';
        rmSync(dir, { recursive: true, force: true });
        throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${log}`);
      }
    }
  }

  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const sql = async <T extends pg.QueryResultRow>(text: string, params: unknown[] = []) => {
    const client = new pg.Client({ connectionString: url() });
    await client.connect();
    try {
      return (await client.query<T>(text, params)).rows;
    } finally {
      await client.end();
    }
  };
  let databases = 0;
  let stopped = false;
  return {
    port,
    url,
    sql,
    async createDatabase(name = `socai_${process.pid}_${++databases}`) {
      await sql(`CREATE DATABASE ${name}`);
      return url(name);
    },
    async terminate(pid) {
      await sql('SELECT pg_terminate_backend($1)', [pid]);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      const running = await pgRun('pg_ctl', ['-D', data, 'status']).then(() => true, () => false);
      await pgRun('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      reportCrash(join(dir, 'server.log'), running);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A server that died, or one of its backends that crashed, ends every connection of the spec at
 * once ("Connection terminated unexpectedly"); its log, deleted with the cluster, is the only
 * place that says why. Printed for those cases only, so that a failed CI run carries the reason.
 */
function reportCrash(logFile: string, wasRunning: boolean): void {
  const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
  const crashed = /PANIC|terminated by signal|terminating connection because of crash|was terminated by exception/.test(log);
  if (wasRunning && !crashed) return;
  const why = wasRunning ? 'a backend crashed' : 'the server was no longer running when the spec stopped it';
  console.error(`PostgreSQL test cluster: ${why}. The end of its log:\n${log.split('\n').slice(-60).join('\n')}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
