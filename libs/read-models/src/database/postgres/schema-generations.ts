import pg from 'pg';
import type { EventSource, ReadModelAreas, RebuildSourceFor } from '../../ports.js';
import { openReadModels } from '../../open-read-models.js';
import { lockKeyOf } from './advisory-lock-lease.js';

/** The first half of the advisory-lock key of an online rebuild (one at a time per serving schema). */
const REBUILD_LOCK_NAMESPACE = 0x50ca3;

/** Another online rebuild of the same schema is under way (in this process or another). */
export class SchemaRebuildInProgress extends Error {}

export interface SchemaRebuildOptions {
  url: string;
  /** The serving schema ('public' by default): every instance keeps reading it by this name. */
  schema?: string;
  areas: ReadModelAreas;
  source: EventSource;
  rebuildSource?: RebuildSourceFor;
  onProgress?: (position: number) => void;
  /** Called once this rebuild holds its lock: no other can start until it ends. */
  onLocked?: () => void;
  now?: number;
}

export interface SchemaRebuildResult {
  /** The schema the new read models were built in, under the serving name since the switch. */
  generation: string;
  /** The name the old read models had during the switch; dropped after it. */
  previous: string;
  /** The log position the new read models had reached when they started serving. */
  position: number;
}

/**
 * The online rebuild of PostgreSQL read models. Every instance reads and projects the schema by its
 * name (search_path), so the switch is a pair of renames in one transaction: the serving schema
 * becomes `<schema>_prev_<t>` and the one built beside it, `<schema>_next_<t>`, takes its name.
 * Every instance's next statement resolves the name to the new tables, and the projector's advisory
 * lock is keyed by that name, so its holder goes on projecting into them from their own checkpoint.
 * A crash before the commit leaves the serving schema as it was and a `_next_` orphan; one after it,
 * a `_prev_` orphan; the next rebuild drops either.
 */
export async function rebuildSchemaOnline(options: SchemaRebuildOptions): Promise<SchemaRebuildResult> {
  const base = options.schema ?? 'public';
  const stamp = options.now ?? Date.now();
  const generation = `${base}_next_${stamp}`;
  const previous = `${base}_prev_${stamp}`;
  if (previous.length > 63) throw new Error(`read-model schema "${base}" is too long for an online rebuild (at most 44 characters)`);
  const client = new pg.Client({ connectionString: options.url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    // Held by this session: a rebuild whose process dies gives it up with its connection.
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS locked', [REBUILD_LOCK_NAMESPACE, lockKeyOf(base)]);
    if (!rows[0]!.locked) throw new SchemaRebuildInProgress(`an online rebuild of schema ${base} is already running`);
    options.onLocked?.();
    await dropOrphanSchemas(client, base);
    const position = await buildAndSwitch(client, options, base, generation, previous);
    // Waits for the queries still reading the old tables (DROP takes their locks), then frees them.
    await client.query(`DROP SCHEMA IF EXISTS ${previous} CASCADE`);
    return { generation, previous, position };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function buildAndSwitch(client: pg.Client, options: SchemaRebuildOptions, base: string, generation: string, previous: string): Promise<number> {
  const next = openReadModels('', options.areas, { location: options.url, schema: generation, rebuildSource: options.rebuildSource });
  let position: number;
  try {
    await next.ready();
    await next.projector.rebuild(options.source, options.onProgress);
    while ((await next.projector.catchUp(options.source)) > 0);
    await client.query('BEGIN');
    try {
      // The serving projector's batch in flight commits first (it locked this row at its start), and
      // the next one waits, then finds the new checkpoint under the same name: no batch is split
      // between the two schemas. Meanwhile the new schema takes the last events, so the figures
      // readers see never go back.
      await client.query(`LOCK TABLE ${base}.checkpoint IN ACCESS EXCLUSIVE MODE`);
      // One pass (it reads to the head) is enough: the serving schema cannot move while locked.
      await next.projector.catchUp(options.source);
      position = await next.projector.position();
      await client.query(`ALTER SCHEMA ${base} RENAME TO ${previous}`);
      await client.query(`ALTER SCHEMA ${generation} RENAME TO ${base}`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } catch (error) {
    await next.close().catch(() => undefined);
    // Never switched to: nothing reads it. A crash here leaves it for the next rebuild to drop.
    await client.query(`DROP SCHEMA IF EXISTS ${generation} CASCADE`).catch(() => undefined);
    throw error;
  }
  // Closed once switched: its connections name the schema by its old name.
  await next.close();
  return position;
}

/** Drops what crashed rebuilds of `base` left: schemas built and never switched to, or switched away from. */
async function dropOrphanSchemas(client: pg.Client, base: string): Promise<void> {
  const { rows } = await client.query<{ name: string }>('SELECT nspname AS name FROM pg_namespace WHERE nspname ~ $1', [`^${base}_(next|prev)_[0-9]+$`]);
  for (const { name } of rows) await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
}
