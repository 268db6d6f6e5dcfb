import type { SqliteEventStore } from '#event-store';

/** How often the background worker copies the event store's WAL into its file. */
export const WAL_CHECKPOINT_INTERVAL_MS = 1_000;

/**
 * Checkpoints the event store's WAL from the background worker's own connection every interval, so
 * that `socai serve`'s commits do not (see SqliteEventStoreOptions.walAutoCheckpointPages): a passive
 * checkpoint waits for no writer, and the requests' commits go on while it copies and syncs.
 * A failed checkpoint (a full disk) is reported and tried again at the next interval; the WAL keeps
 * every committed page meanwhile.
 */
export function startWalCheckpoints(store: SqliteEventStore, onError: (error: unknown) => void, intervalMs = WAL_CHECKPOINT_INTERVAL_MS): { stop(): void } {
  const timer = setInterval(() => {
    try {
      store.checkpointWalSync();
    } catch (error) {
      onError(error);
    }
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
