import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventStore } from '#event-store';
import {
  isPostgresLocation, newGenerationName, openReadModels, rebuildSchemaOnline, removeOrphanGenerations, SchemaRebuildInProgress, servingGeneration, switchGeneration,
} from '#read-models';
import type { AreaDirectory } from '#domain';
import type { SocaiConfig } from '../config.js';
import { statementPages } from './statement-pages.js';

/** Another online rebuild (this process or another) is under way on the same data dir. */
export class RebuildInProgress extends Error {}

const LOCK_FILE = 'read-models.rebuilding';

/** One online rebuild per data dir: a lock file naming its process, taken over only from a dead one. */
function takeLock(dataDir: string): () => void {
  const lock = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return () => rmSync(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(readFileSync(lock, 'utf8'));
    if (holder > 0 && isAlive(holder)) throw new RebuildInProgress(`an online rebuild is already running (process ${holder})`);
    // Its process crashed: nothing it built was switched to, and the orphan is removed below.
    rmSync(lock, { force: true });
  }
  throw new RebuildInProgress('an online rebuild is starting in another process');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface OnlineRebuildResult {
  generation: string;
  previous: string;
  /** The log position the new generation had reached when it started serving. */
  position: number;
}

/**
 * Why an online rebuild cannot run here: it needs read models on PostgreSQL (a new schema, whatever
 * the log), or embedded ones beside a SQLite log (a new file).
 */
export function onlineRebuildProblem(config: Pick<SocaiConfig, 'eventStore' | 'readModels'>): string | undefined {
  if (isPostgresLocation(config.readModels)) return undefined;
  if (config.readModels !== 'sqlite' || config.eventStore !== 'sqlite') {
    return 'an online rebuild needs SOCAI_READ_MODELS=postgres://… or both SOCAI_EVENT_STORE=sqlite and SOCAI_READ_MODELS=sqlite';
  }
  return undefined;
}

/** The generation serving now: the SQLite file, or the PostgreSQL schema (always the same name). */
export function servingReadModels(config: Pick<SocaiConfig, 'dataDir' | 'readModels'>): string {
  return isPostgresLocation(config.readModels) ? POSTGRES_SCHEMA : servingGeneration(config.dataDir);
}

/** The schema the server's PostgreSQL read models live in (runtime.ts opens the default one). */
const POSTGRES_SCHEMA = 'public';

export interface StartedRebuild {
  /** The generation serving when it started. */
  from: string;
  running: Promise<OnlineRebuildResult>;
}

/**
 * Starts an online rebuild once it holds its lock (the data dir's lock file, or PostgreSQL's advisory
 * lock); rejects with RebuildInProgress when another holds it, and resolves with the rebuild running.
 */
export async function startOnlineRebuild(config: SocaiConfig, store: EventStore, areas: AreaDirectory, onProgress?: (position: number) => void): Promise<StartedRebuild> {
  const from = servingReadModels(config);
  if (!isPostgresLocation(config.readModels)) return { from, running: rebuildOnline(config, store, areas, onProgress) };
  let locked!: () => void;
  const started = new Promise<void>((resolve) => (locked = resolve));
  const running = rebuildSchemaOnline({
    url: config.readModels,
    schema: POSTGRES_SCHEMA,
    areas,
    source: store,
    onLocked: locked,
    onProgress,
    // A rebuild reads a SQLite log, and builds its statements, on a worker thread in step with the projection on this one.
    rebuildSource: (source, needs) => (source === store && config.eventStore === 'sqlite' ? statementPages(join(config.dataDir, 'events.sqlite'), needs) : undefined),
  }).catch((error: unknown) => {
    throw error instanceof SchemaRebuildInProgress ? new RebuildInProgress(error.message) : error;
  });
  await Promise.race([started, running]);
  return { from, running };
}

/**
 * Builds every read model into a new generation beside the serving one, catches it up to the head of
 * the log, then makes it the serving one (generations.ts) and removes the old file. The serving
 * generation is never written here: until the switch, servers answer from it and their projector keeps
 * it current; they follow the pointer within one projection interval. The catch-up is repeated until
 * a pass applies nothing new, so the switch finds the new generation within one batch of the head.
 */
export function rebuildOnline(
  config: Pick<SocaiConfig, 'dataDir'>,
  store: EventStore,
  areas: AreaDirectory,
  onProgress?: (position: number) => void,
): Promise<OnlineRebuildResult> {
  // Taken before anything is awaited: a second rebuild is refused at once (it throws RebuildInProgress).
  const unlock = takeLock(config.dataDir);
  return buildAndSwitch(config, store, areas, onProgress).finally(unlock);
}

async function buildAndSwitch(
  config: Pick<SocaiConfig, 'dataDir'>,
  store: EventStore,
  areas: AreaDirectory,
  onProgress?: (position: number) => void,
): Promise<OnlineRebuildResult> {
  const previous = servingGeneration(config.dataDir);
  // Leftovers of a rebuild that crashed before its switch (or of an old generation a crash kept).
  removeOrphanGenerations(config.dataDir);
  const generation = newGenerationName();
  const file = join(config.dataDir, generation);
  const eventsFile = join(config.dataDir, 'events.sqlite');
  const next = openReadModels(config.dataDir, areas, {
    file,
    rebuildSource: (source, needs) => (source === store ? statementPages(eventsFile, needs) : undefined),
  });
  let position: number;
  try {
    await next.ready();
    await next.projector.rebuild(store, onProgress);
    while ((await next.projector.catchUp(store)) > 0);
    position = await next.projector.position();
  } catch (error) {
    await next.close().catch(() => undefined);
    removeOrphanGenerations(config.dataDir);
    throw error;
  }
  await next.close();
  switchGeneration(config.dataDir, generation);
  // Processes still reading the old file keep its inode until they let it go; none will open it again.
  removeOrphanGenerations(config.dataDir);
  return { generation, previous, position };
}
