// Heap limits for `socai import`, shared by the `socai` launcher and the import benchmark (which must
// measure the import as users run it).

/**
 * Left to its defaults V8 lets an import's garbage pile up far past what it keeps (610 MB peak RSS on
 * a 971k-event file, where `--max-old-space-size=256 --max-semi-space-size=32` held a 323k import at
 * ≈ 380 MB). The old space must hold the decision-state cache beside the rest of the process; the
 * larger semi-space keeps the short-lived objects of each line out of it. A folded event weighs
 * ≈ 80 B in a short stream's state (a person's) and ≈ 125 B in a long one's (an employer's), with
 * flat event ids and the short streams' fact index in one array (was ≈ 180–490 B). Counted at 192 B
 * each all the same: sized at 128 B (251 MB in all), the bench's import of the 5M-event file ran out of
 * heap after 22 min, about 3.5M events in, with 208 MB still live after each full collection and too
 * little room left for the collector to work in.
 */
const HEAP_BASE_MB = 128;
const CACHED_EVENT_BYTES = 192;
const DEFAULT_STATE_CACHE_EVENTS = 1_000_000; // the default of SOCAI_STATE_CACHE_EVENTS (apps/api/src/config.ts)

/** The node flags an import runs with, sized from SOCAI_STATE_CACHE_EVENTS in `env`. */
export function importHeapFlags(env = process.env) {
  const configured = Number(env.SOCAI_STATE_CACHE_EVENTS);
  // A malformed value is reported by the CLI itself; it only sizes the heap here.
  const cacheEvents = Number.isSafeInteger(configured) && configured > 0 ? configured : DEFAULT_STATE_CACHE_EVENTS;
  const oldSpaceMb = HEAP_BASE_MB + Math.ceil((cacheEvents * CACHED_EVENT_BYTES) / 2 ** 20);
  return [`--max-old-space-size=${oldSpaceMb}`, '--max-semi-space-size=32'];
}
