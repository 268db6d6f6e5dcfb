import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AreaDirectory } from '#domain';
import { EsdbEventStore, isEsdbConnectionString, SqliteEventStore, type EventStore } from '#event-store';
import { Ledger, loadAreaDirectory, paymentsFromLog } from '#ledger';
import { isPostgresLocation, openReadModels, type ReadModels } from '#read-models';
import type { SocaiConfig } from './config.js';

/**
 * The composition root shared by the HTTP server and the CLI: one event store, the area tables,
 * the ledger on top of them, and the read models that follow the log.
 */
export class SocaiRuntime {
  private constructor(
    readonly config: SocaiConfig,
    readonly store: EventStore,
    readonly areas: AreaDirectory,
    readonly ledger: Ledger,
    readonly readModels: ReadModels,
  ) {}

  static open(config: SocaiConfig): SocaiRuntime {
    if (config.eventStore !== 'sqlite' && !isEsdbConnectionString(config.eventStore)) {
      throw new Error(`SOCAI_EVENT_STORE=${config.eventStore}: expected sqlite, esdb://… or kurrentdb://…`);
    }
    if (config.readModels !== 'sqlite' && !isPostgresLocation(config.readModels)) {
      throw new Error(`SOCAI_READ_MODELS=${config.readModels}: expected sqlite or a postgres:// URL`);
    }
    mkdirSync(config.dataDir, { recursive: true });
    const store: EventStore = config.eventStore === 'sqlite'
      ? SqliteEventStore.open(join(config.dataDir, 'events.sqlite'))
      : EsdbEventStore.connect(config.eventStore);
    const areas = loadAreaDirectory();
    const ledger = new Ledger({ store, areas, ledgerPayments: paymentsFromLog(store) });
    // With PostgreSQL, every instance answers queries and one at a time projects (an advisory lock).
    const readModels = openReadModels(config.dataDir, areas, { location: config.readModels });
    return new SocaiRuntime(config, store, areas, ledger, readModels);
  }

  async close(): Promise<void> {
    await this.readModels.close();
    await this.store.close();
  }
}
