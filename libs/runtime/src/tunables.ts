/**
 * The figures socai is tuned with, each written once. The runtime's settings (config.ts) take their
 * defaults from here, the `socai` launcher sizes an import's heap from here (bin/heap-limits.js reads
 * the compiled copy), and the ledger's state cache starts from here. It imports nothing, so that any
 * lib and the launcher can read it without loading the runtime. Comments say why a figure is what it
 * is; the measurements behind them are in docs/benchmarks.md ("Tunables").
 */

/**
 * `SOCAI_STATE_CACHE_EVENTS`: the events the cached decision states may hold folded together. A working
 * set larger than the cache is read from the log again, which slows an import down superlinearly;
 * a larger cache costs memory (see CACHED_EVENT_BYTES). Memory against speed.
 */
export const STATE_CACHE_EVENTS = 1_000_000;

/**
 * What one cached folded event is counted at when an import's heap is sized. More than a folded event
 * weighs (a long stream's weighs most): counted at its weight, a full cache left the collector too little
 * room to work in and a large import ran out of heap.
 */
export const CACHED_EVENT_BYTES = 192;

/** An import's old space besides the state cache: the rest of the process (the ledger, the lines in flight). */
export const IMPORT_HEAP_BASE_MB = 128;

/**
 * An import's semi-space: large enough that each line's short-lived objects die young instead of
 * being promoted into the old space, where V8 left to its defaults let them pile up.
 */
export const IMPORT_SEMI_SPACE_MB = 32;

/** `SOCAI_PROJECTION_INTERVAL_MS`: how often a projector that has caught up looks for new events. */
export const PROJECTION_INTERVAL_MS = 100;

/**
 * The nice value of `serve`'s projector and checkpointer thread: the request thread comes first, the
 * read models take every idle moment and catch up after a burst (CFS weights nice 10 about a tenth
 * of nice 0).
 */
export const BACKGROUND_THREAD_NICE = 10;
