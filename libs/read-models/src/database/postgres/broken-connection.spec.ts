import { startPostgres, type PostgresCluster } from '../../../../../test/support/postgres.js';
import { PostgresReadModelDb } from './postgres-read-model-db.js';

/**
 * A connection that ends in the middle of a transaction (a server restart, an operator's
 * pg_terminate_backend) while the projector computes between two statements: the transaction
 * rejects, nothing of it is kept, and the process goes on; the pool's next connection works.
 * Before the fix the checked-out client had no error listener and its 'error' event ended the
 * process (CI of stop 35: "Unhandled error. (Error: Connection terminated unexpectedly").
 */
describe('PostgreSQL read models when a transaction loses its connection', () => {
  let cluster: PostgresCluster;
  let db: PostgresReadModelDb;

  beforeAll(async () => {
    cluster = await startPostgres();
    db = new PostgresReadModelDb({ url: await cluster.createDatabase('broken'), schema: 'broken', poolSize: 2 });
    await db.ready();
    await db.execute('CREATE TABLE kept (n INTEGER)');
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await cluster?.stop();
  });

  it('rejects the transaction, keeps nothing of it, and answers on a new connection', async () => {
    const outcome = db.transaction(async (tx) => {
      await tx.execute('INSERT INTO kept (n) VALUES (?)', [1]);
      const { pid } = (await tx.queryOne<{ pid: number }>('SELECT pg_backend_pid() AS pid'))!;
      await cluster.terminate(pid);
      // The client hears of the end while no statement of its own is running: the case that crashed.
      await untilGone(cluster, pid);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await tx.execute('INSERT INTO kept (n) VALUES (?)', [2]);
    });
    await expect(outcome).rejects.toThrow(/Connection terminated|not queryable|terminat/i);
    expect(await db.query<{ n: number }>('SELECT n FROM kept')).toEqual([]);
    await db.transaction((tx) => tx.execute('INSERT INTO kept (n) VALUES (?)', [3]));
    expect(await db.query<{ n: number }>('SELECT n FROM kept')).toEqual([{ n: 3 }]);
  });
});

async function untilGone(cluster: PostgresCluster, pid: number): Promise<void> {
  for (let tries = 0; tries < 500; tries++) {
    const rows = await cluster.sql('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid]);
    if (rows.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`backend ${pid} still running`);
}
