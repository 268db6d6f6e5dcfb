import pg from 'pg';
import type { ProjectionLease } from '../read-model-db.js';

/** The first half of the advisory-lock key: socai's read-model projector (any fixed int4 would do). */
const LOCK_NAMESPACE = 0x50ca1;

/**
 * The projector's lease on PostgreSQL: a session-level advisory lock held on a connection of its
 * own. PostgreSQL releases it the moment that session ends — the process died, the network went,
 * or an operator ran pg_terminate_backend — and the next instance that tries takes it over.
 * Losing the connection is noticed through the client's error and end events.
 */
export class AdvisoryLockLease implements ProjectionLease {
  private client: pg.Client | undefined;
  private holding = false;
  /** The backend process of the session holding the lock, while held (operators can end it). */
  sessionPid: number | undefined;

  constructor(
    private readonly connection: pg.ClientConfig,
    /** Instances share the lease when they project into the same schema. */
    private readonly schema: string,
  ) {}

  get held(): boolean {
    return this.holding;
  }

  async acquire(): Promise<boolean> {
    if (this.holding && this.client) return true;
    try {
      const client = this.client ?? (await this.connect());
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS locked', [
        LOCK_NAMESPACE,
        lockKeyOf(this.schema),
      ]);
      this.holding = rows[0]!.locked;
      return this.holding;
    } catch {
      this.lost();
      return false;
    }
  }

  async release(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.holding = false;
    this.sessionPid = undefined;
    // Ending the session is what releases the lock.
    if (client) await client.end().catch(() => undefined);
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client(this.connection);
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    await client.connect();
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    this.sessionPid = rows[0]!.pid;
    this.client = client;
    return client;
  }

  private lost(client = this.client): void {
    if (client !== this.client) return;
    this.holding = false;
    this.client = undefined;
    this.sessionPid = undefined;
    client?.end().catch(() => undefined);
  }
}

/** A stable int4 from the schema name (FNV-1a), the second half of the advisory-lock key. */
export function lockKeyOf(schema: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(schema, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}
