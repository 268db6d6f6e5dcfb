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
export const STATE_CACHE_EVENTS = 1_200_000;

/**
 * A decision state evicted from the cache is kept as a snapshot in the event store's file when its
 * stream has this many events more than the snapshot the store has of it (or than nothing): a miss
 * then reads the snapshot and fewer events than this after it. Every snapshot written is a page
 * written twice (the WAL, the checkpoint) and read back once by the checkpointer, so writing one at
 * every eviction cost more than the reads it saved (docs/benchmarks.md, 'decision-state snapshots').
 */
export const SNAPSHOT_MIN_EVENTS = 8;

/**
 * What one cached folded event is counted at when an import's heap is sized: a fifth above what the
 * heaviest states weigh a weighed event (events plus STREAM_OVERHEAD_EVENTS a stream) since facts are
 * named by revision: ≈ 116 B for long employer streams, ≈ 110 B for the short person streams a large
 * import's cache is full of early on (a long person stream's ≈ 53). At 112, with no such room, the 10M
 * import ran out of heap in 100 s; 140 with STATE_CACHE_EVENTS 1.2M keeps the 289 MB old space under
 * which the 5M import completed (docs/benchmarks.md, 'Facts by revision').
 */
export const CACHED_EVENT_BYTES = 140;

/**
 * An import's old space besides the state cache: the rest of the process (the ledger, the lines in
 * flight). 112 (with a 32 MB semi-space) kept the 1M peak and cut a fifth of the CPU, but the 5M
 * import ran out of heap at 296 MB of old space (2026-12-07, 14:10 UTC): 128 is the base under which
 * the 5M import last completed (docs/benchmarks.md, 'The 5M import at 296 MB').
 */
export const IMPORT_HEAP_BASE_MB = 128;

/**
 * The importing thread's semi-space (`--max-semi-space-size`; V8 rounds it up to a power of two, and
 * a new space is two of them); 0 passes no flag (V8's default, 16 MB). 32 takes a fifth of the CPU an
 * event off at 1M, but its 32 MB more new space must then come out of the old space to keep the peak
 * under 512 MB, which the 5M import did not survive: 0 until a setting is measured at 5M. If the flag
 * is given, the store's threads still keep their own young generation (writer-thread.ts clears it
 * before starting them).
 */
export const IMPORT_SEMI_SPACE_MB = 0;

/**
 * The young generation of the event store's writer and checkpointer threads (a thread's own
 * `resourceLimits`). The writer's objects live one commit; at the import's semi-space it grew a new
 * space as large as the importing thread's (64 MB under `--max-semi-space-size=32`, which V8 applies
 * to every thread over any thread's own limit unless cleared before the thread starts, as the store does).
 * docs/benchmarks.md, 'RSS at the peak'.
 */
export const STORE_THREAD_YOUNG_GENERATION_MB = 12;

/** `SOCAI_PROJECTION_INTERVAL_MS`: how often a projector that has caught up looks for new events. */
export const PROJECTION_INTERVAL_MS = 100;

/**
 * The nice value of `serve`'s projector and checkpointer thread: the request thread comes first, the
 * read models take every idle moment and catch up after a burst (CFS weights nice 10 about a tenth
 * of nice 0).
 */
export const BACKGROUND_THREAD_NICE = 10;

// The defaults below are read by the lower libs through `#runtime/tunables` (this file imports nothing,
// so reading it loads no runtime): each keeps its option, which a caller or spec may still pass.

/** Commands an import decides and appends as one batch (`CommandBatch`): one commit per batch. */
export const IMPORT_BATCH_COMMANDS = 1_000;

/**
 * A server's start waits for its warm-up, so the warm-up stays the size it had with the former
 * 250,000-event cache (60% of it) now that the cache is larger: the rest fills as commands come.
 */
export const WARM_UP_MAX_EVENTS = 150_000;

/** Appends one group commit carries at most (`GroupCommitter`): one durable commit for all of them. */
export const GROUP_COMMIT_MAX_APPENDS = 512;

/** Events a reconciliation reads from the log per page (`paymentsFromLog`). */
export const LEDGER_PAYMENTS_PAGE_EVENTS = 5_000;

/** Events a projector reads and commits at a time while it catches up or rebuilds. */
export const PROJECTION_BATCH_EVENTS = 2_000;

/**
 * A rebuild commits 60,000 events at a time (thirty pages of PROJECTION_BATCH_EVENTS): each commit
 * writes the index pages its rows touched, and event ids are random, so larger commits write far
 * less (see SqliteReadModelDb.duringRebuild). At 1M, 60,000 rather than 20,000 wrote 28 % fewer bytes
 * and took a quarter of the commits' CPU off the main thread; pages of 6,000 events instead of 2,000
 * cost 70–150 MB more peak RSS (docs/benchmarks.md, 'Rebuild at 1M: larger commits, flows aside').
 */
export const REBUILD_EVENTS_PER_COMMIT = 60_000;

/** Pages a rebuild commits at a time when its caller names the page size (small pages: the specs). */
export const REBUILD_PAGES_PER_COMMIT = 10;

/** Batches of a serving instance's catch-up: small, so that requests wait for one at most. */
export const SERVING_BATCH_EVENTS = 250;

/** Threads (the main one included) that check a large log's slices at most, one per core below that. */
export const VERIFY_MAX_THREADS = 4;

/** Smaller logs take the single pass, which is quicker than starting threads. */
export const VERIFY_MIN_EVENTS_FOR_THREADS = 50_000;

/**
 * Slices per checking thread: the threads claim them in turn, so that one that starts late or runs on a
 * busy core checks fewer; more slices balance better but each adds its streams' edges to stitch.
 */
export const VERIFY_SLICES_PER_THREAD = 2;

/** Events the checkpointer reads per page while it folds the running digest. */
export const CHECKPOINT_BATCH_EVENTS = 10_000;
