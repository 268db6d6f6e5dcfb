// Heap limits for `socai import`, shared by the `socai` launcher and the import benchmark (which must
// measure the import as users run it).
import { CACHED_EVENT_BYTES, IMPORT_HEAP_BASE_MB, IMPORT_SEMI_SPACE_MB, STATE_CACHE_EVENTS } from '../dist/libs/runtime/src/tunables.js';

/**
 * Left to its defaults V8 lets an import's garbage pile up far past what it keeps. The old space must
 * hold the decision-state cache beside the rest of the process. A semi-space flag is passed only when
 * IMPORT_SEMI_SPACE_MB is set (0 today: the 5M import did not survive the old space a larger one costs);
 * it would be every thread's, but the store's writer and checkpointer threads keep their own young
 * generation (the store clears the flag before starting them: libs/event-store/src/sqlite/writer-thread.ts).
 * The figures, and why each is what it is, are in libs/runtime/src/tunables.ts; the measurements
 * behind them in docs/benchmarks.md ("Tunables", "RSS at the peak").
 */

/** The node flags an import runs with, sized from SOCAI_STATE_CACHE_EVENTS in `env`. */
export function importHeapFlags(env = process.env) {
  const configured = Number(env.SOCAI_STATE_CACHE_EVENTS);
  // A malformed value is reported by the CLI itself; it only sizes the heap here.
  const cacheEvents = Number.isSafeInteger(configured) && configured > 0 ? configured : STATE_CACHE_EVENTS;
  const oldSpaceMb = IMPORT_HEAP_BASE_MB + Math.ceil((cacheEvents * CACHED_EVENT_BYTES) / 2 ** 20);
  const semiSpace = IMPORT_SEMI_SPACE_MB > 0 ? [`--max-semi-space-size=${IMPORT_SEMI_SPACE_MB}`] : [];
  return [`--max-old-space-size=${oldSpaceMb}`, ...semiSpace];
}
