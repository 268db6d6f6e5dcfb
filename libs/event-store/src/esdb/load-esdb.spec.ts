import { StoreUnavailableError } from '../event-store.port.js';
import { deferredEsdbEventStore, loadEsdbAdapter } from './load-esdb.js';

/** The EventStoreDB adapter is loaded on demand; these cases need no server. */
describe('deferredEsdbEventStore', () => {
  it('answers at once and closes without loading anything when never used', async () => {
    const store = deferredEsdbEventStore('esdb://localhost:2113?tls=false');
    await expect(store.close()).resolves.toBeUndefined();
  });

  it('reports a malformed connection string on load (and on the first call), not on creation', async () => {
    const store = deferredEsdbEventStore('esdb://localhost:2113?tls=maybe');
    await expect(store.load()).rejects.toThrow(/maybe/);
    await expect(store.headPosition()).rejects.toThrow(/maybe/);
    await expect(store.close()).resolves.toBeUndefined();
  });

  it('fails the first call on an unreachable cluster as the adapter itself does', async () => {
    // Port 1 on the loopback refuses at once: nothing listens there.
    const store = deferredEsdbEventStore('esdb://127.0.0.1:1?tls=false');
    try {
      await expect(store.ping(2_000)).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await store.close();
    }
  });

  it('follows through the adapter\'s catch-up subscription: on a cluster that refuses it reports each drop with a growing delay, and stops', async () => {
    const store = deferredEsdbEventStore('esdb://127.0.0.1:1?tls=false');
    const drops: Array<{ failures: number; delayMs: number }> = [];
    const handed: unknown[] = [];
    const subscription = store.follow!(0, async (events) => void handed.push(...events), {
      onDrop: (_error, failures, delayMs) => void drops.push({ failures, delayMs }),
    });
    try {
      for (let i = 0; i < 200 && drops.length < 3; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await subscription.stop();
      await store.close();
    }
    expect(drops.slice(0, 3)).toEqual([{ failures: 1, delayMs: 100 }, { failures: 2, delayMs: 200 }, { failures: 3, delayMs: 400 }]);
    expect(handed).toEqual([]);
  });

  it('loads the client-backed adapter', async () => {
    const adapter = await loadEsdbAdapter();
    expect(typeof adapter.EsdbEventStore.connect).toBe('function');
    expect(typeof adapter.subscribeFromCheckpoint).toBe('function');
  });
});
