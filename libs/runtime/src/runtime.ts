import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AreaDirectory } from '#domain';
import { deferredEsdbEventStore, isEsdbConnectionString, SqliteEventStore, type DeferredEsdbEventStore, type EventStore } from '#event-store';
import { Ledger, loadAreaDirectory, paymentsFromLog, recordSeedFacts } from '#ledger';
import { generationStamp, isPostgresLocation, openReadModels, type ReadModels } from '#read-models';
import type { SocaiConfig } from './config.js';
import { statementPages } from './rebuild/statement-pages.js';

/** How long a replaced generation's connection stays open for the queries that were reading it. */
const RETIRED_CLOSE_MS = 60_000;

export interface RuntimeOptions {
  /** Where the projector's polling errors go (the background thread logs them and retries). */
  onProjectionError?: (error: unknown) => void;
}

/**
 * The composition root shared by the HTTP server and the CLI: one event store, the area tables,
 * the ledger on top of them, and the read models that follow the log.
 */
export class SocaiRuntime {
  private retired: ReadModels[] = [];
  private stamp: string;

  private constructor(
    readonly config: SocaiConfig,
    readonly store: EventStore,
    readonly areas: AreaDirectory,
    readonly ledger: Ledger,
    private serving: ReadModels,
    private readonly reopen: () => ReadModels,
  ) {
    this.stamp = generationStamp(config.dataDir);
  }

  /**
   * The serving read models. With embedded ones this follows the generation pointer: after an online
   * rebuild switches generations, the next query opens the new file. The old connection stays open a
   * while for queries already reading it (its file is unlinked; its inode lives until closed).
   */
  get readModels(): ReadModels {
    if (this.followsGenerations()) {
      const stamp = generationStamp(this.config.dataDir);
      if (stamp !== this.stamp) {
        this.stamp = stamp;
        const old = this.serving;
        this.serving = this.reopen();
        this.retired.push(old);
        setTimeout(() => void this.retire(old), RETIRED_CLOSE_MS).unref();
      }
    }
    return this.serving;
  }

  private followsGenerations(): boolean {
    return this.config.readModels === 'sqlite' && this.config.eventStore === 'sqlite';
  }

  private async retire(old: ReadModels): Promise<void> {
    if (!this.retired.includes(old)) return;
    this.retired = this.retired.filter((r) => r !== old);
    await old.close().catch(() => undefined);
  }

  static open(config: SocaiConfig, options: RuntimeOptions = {}): SocaiRuntime {
    if (config.eventStore !== 'sqlite' && !isEsdbConnectionString(config.eventStore)) {
      throw new Error(`SOCAI_EVENT_STORE=${config.eventStore}: expected sqlite, esdb://… or kurrentdb://…`);
    }
    if (config.readModels !== 'sqlite' && !isPostgresLocation(config.readModels)) {
      throw new Error(`SOCAI_READ_MODELS=${config.readModels}: expected sqlite or a postgres:// URL`);
    }
    mkdirSync(config.dataDir, { recursive: true });
    const eventsFile = join(config.dataDir, 'events.sqlite');
    const store: EventStore = config.eventStore === 'sqlite'
      ? SqliteEventStore.open(eventsFile)
      // Loads the EventStoreDB client on first use only: the SQLite setup never pays for it.
      : deferredEsdbEventStore(config.eventStore);
    const areas = loadAreaDirectory();
    const ledger = new Ledger({ store, areas, ledgerPayments: paymentsFromLog(store), stateCacheEvents: config.stateCacheEvents });
    // With PostgreSQL, every instance answers queries and one at a time projects (an advisory lock).
    const open = () => openReadModels(config.dataDir, areas, {
      location: config.readModels,
      onError: options.onProjectionError,
      // A rebuild reads the SQLite log, and builds its statements, on a worker thread in step with the projection on this one.
      rebuildSource: (source, needs) => (source === store && config.eventStore === 'sqlite' ? statementPages(eventsFile, needs) : undefined),
    });
    return new SocaiRuntime(config, store, areas, ledger, open(), open);
  }

  /**
   * Opens the runtime of a command that records facts (`socai serve`, `import`, `demo`): `open`, then
   * `ready`, then, on a NEW ledger (an empty log), the seed facts before anything else is written
   * (recordSeedFacts: the verified rates k of reference-data/interest-rates.json), so that the rates
   * are facts of the ledger from its first position. Read-only commands (replay, verify, report) use
   * `open` and record nothing; a ledger that holds anything is never seeded.
   */
  static async openForRecording(config: SocaiConfig, options: RuntimeOptions = {}): Promise<SocaiRuntime> {
    const runtime = SocaiRuntime.open(config, options);
    try {
      await runtime.ready();
      await recordSeedFacts(runtime.ledger);
    } catch (error) {
      await runtime.close().catch(() => undefined);
      throw error;
    }
    return runtime;
  }

  /**
   * Loads what `open` leaves for later (the EventStoreDB client, for a store on a cluster), so that a
   * malformed connection string stops the server at start. The SQLite store has nothing to load.
   */
  async ready(): Promise<void> {
    await (this.store as Partial<DeferredEsdbEventStore>).load?.();
  }

  async close(): Promise<void> {
    for (const old of this.retired) await old.close().catch(() => undefined);
    this.retired = [];
    await this.serving.close();
    // The states kept to the end, as snapshots: the next process's first commands on them read one row.
    await this.ledger.states.snapshotCached();
    await this.store.close();
  }
}
