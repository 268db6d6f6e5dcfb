import type {
  AppendRequest, EventStore, FollowOptions, LogPosition, LogSubscription, ReadAllOptions, RecordedEvent, StreamRevision,
} from '../event-store.port.js';
import type { EsdbEventStore, EsdbEventStoreOptions } from './esdb-event-store.js';

export type EsdbAdapter = typeof import('./adapter.js');

/** Loads the EventStoreDB adapter and its gRPC client (a few tenths of a second), once. */
export function loadEsdbAdapter(): Promise<EsdbAdapter> {
  return import('./adapter.js');
}

/** `EsdbEventStore.connect` after loading the adapter; the client itself still connects on first use. */
export async function connectEsdbEventStore(connectionString: string, options?: EsdbEventStoreOptions): Promise<EsdbEventStore> {
  const { EsdbEventStore } = await loadEsdbAdapter();
  return EsdbEventStore.connect(connectionString, options);
}

/** An EventStoreDB store whose adapter is loaded by its first call (or by `load`). */
export interface DeferredEsdbEventStore extends EventStore {
  ping(deadlineMs?: number): Promise<void>;
  /** Loads the adapter and parses the connection string now, without contacting the cluster. */
  load(): Promise<void>;
}

/**
 * An EventStoreDB store for callers that must answer one at once (the runtime opens its store
 * synchronously). The adapter is loaded by the first call; since the client connects lazily anyway, a
 * cluster that cannot be reached fails that same first call, as it would with `EsdbEventStore.connect`.
 * A malformed connection string fails the first call too, or `load` for a caller that wants to know early.
 */
export function deferredEsdbEventStore(connectionString: string, options?: EsdbEventStoreOptions): DeferredEsdbEventStore {
  return new DeferredEsdbStore(connectionString, options);
}

class DeferredEsdbStore implements DeferredEsdbEventStore {
  // Started by the first call, not here: a load that fails with nobody waiting would be an unhandled rejection.
  private loading: Promise<EsdbEventStore> | undefined;
  /** As the adapter it loads: no ledger verifier, so `verifierOf` names this store at once, with nothing loaded. */
  readonly verifier: undefined = undefined;

  constructor(
    private readonly connectionString: string,
    private readonly options: EsdbEventStoreOptions | undefined,
  ) {}

  private store(): Promise<EsdbEventStore> {
    return (this.loading ??= connectEsdbEventStore(this.connectionString, this.options));
  }

  async load(): Promise<void> {
    await this.store();
  }

  async ping(deadlineMs?: number): Promise<void> {
    return (await this.store()).ping(deadlineMs);
  }
  async append(request: AppendRequest) {
    return (await this.store()).append(request);
  }
  async appendMany(requests: AppendRequest[]) {
    return (await this.store()).appendMany(requests);
  }
  async appendEach(requests: AppendRequest[]) {
    return (await this.store()).appendEach(requests);
  }
  async readStream(streamId: string, options?: { fromRevision?: StreamRevision; limit?: number }) {
    return (await this.store()).readStream(streamId, options);
  }
  async readAll(options?: ReadAllOptions) {
    return (await this.store()).readAll(options);
  }
  /** The adapter's catch-up subscription, started once the adapter is loaded. */
  follow(after: LogPosition, handler: (events: RecordedEvent[]) => Promise<void>, options: FollowOptions = {}): LogSubscription {
    let stopped = false;
    const started = this.store().then((store) => (stopped ? undefined : store.follow(after, handler, options)));
    // A store that cannot load never delivers: say so where drops are reported.
    started.catch((error: unknown) => options.onDrop?.(error, 1, 0));
    return {
      async stop() {
        stopped = true;
        const subscription = await started.catch(() => undefined);
        await subscription?.stop();
      },
    };
  }
  async headPosition(): Promise<LogPosition> {
    return (await this.store()).headPosition();
  }
  async findEvent(eventId: string) {
    return (await this.store()).findEvent(eventId);
  }
  async findKey(commandKey: string) {
    return (await this.store()).findKey(commandKey);
  }

  /** Closes the client if one was made; a store never used has nothing to close. */
  async close(): Promise<void> {
    if (!this.loading) return;
    const store = await this.loading.catch(() => undefined);
    await store?.close();
  }
}
