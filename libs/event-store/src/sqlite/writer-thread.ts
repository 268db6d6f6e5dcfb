import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { STORE_THREAD_YOUNG_GENERATION_MB } from '#runtime/tunables';
import { StoreUnavailableError, type AppendOutcome, type AppendRequest, type AppendResult, type StateSnapshot } from '../event-store.port.js';
import { fromFailedWrite, fromSealedOutcome, fromSealedResult, type SealedOutcome, type WriteAnswer, type WriteJob, type WriteKind } from './writer-messages.js';
import { workerScriptAvailable } from '../worker-script.js';

const WORKER_SCRIPT = new URL('./sqlite-writer.worker.js', import.meta.url);
const CHECKPOINTER_SCRIPT = new URL('./wal-checkpointer.worker.js', import.meta.url);
/**
 * How often the checkpointer thread copies the WAL into the file while the writes are batches (an
 * import's `appendMany`): small checkpoints (a few hundred pages under load) stall the commits least,
 * and an import ran 9–15 % slower with them every second (docs/benchmarks.md, 'cold commands: the
 * checkpoints follow the writes').
 */
export const BATCH_CHECKPOINT_INTERVAL_MS = 200;
/**
 * The same while the writes are group commits of single commands (`appendEach`): each command writes
 * four random B-tree leaves, which a checkpoint copies again and syncs in the database file, beside
 * the commits' own WAL syncs; copied every second, a page changed by several commands is copied once,
 * and 32 callers' cold commands on the 1M ledger ran 25–40 % faster at a fifth less CPU a command.
 */
export const GROUP_COMMIT_CHECKPOINT_INTERVAL_MS = 1_000;
// Their own young generation, not the process's (an import's is large): see the tunable.
const STORE_THREAD_LIMITS = { maxYoungGenerationSizeMb: STORE_THREAD_YOUNG_GENERATION_MB };

/**
 * Starts a store thread under its own young generation. A `--max-semi-space-size` flag (the import's,
 * bin/heap-limits.js) is the process's and would override the thread's `resourceLimits`; V8 reads it
 * only when a heap is created, so clearing it here (0: V8's default) leaves the heaps already made,
 * the importing thread's among them, as they are, and lets the thread's own limit hold.
 */
function storeThread(script: URL, workerData: unknown): Worker {
  setFlagsFromString('--max-semi-space-size=0');
  return new Worker(script, { workerData, resourceLimits: STORE_THREAD_LIMITS });
}

/** What the writer thread is started with. */
export interface WriterJob {
  file: string;
  busyTimeoutMs: number;
  walAutoCheckpointPages: number;
}

/** What the WAL checkpointer thread (wal-checkpointer.worker.ts) is started with. */
export interface CheckpointerJob {
  file: string;
  busyTimeoutMs: number;
  intervalMs: number;
}

/** Tells a running checkpointer thread its new interval. */
export interface CheckpointerInterval {
  intervalMs: number;
}

interface Pending {
  resolve: (outcomes: SealedOutcome[]) => void;
  reject: (error: unknown) => void;
}

/**
 * The SQLite store's appends on a thread of their own (sqlite-writer.worker.ts), so that the event
 * loop keeps deciding the next commands or answering requests while a commit is hashed, written and
 * fsynced. Jobs are written one after the other in the order they are posted. The thread starts at
 * the first write and keeps the process alive only while a write is in flight.
 *
 * A caller that awaited a write and then reads on the store's own connection sees it: the thread's
 * COMMIT has returned before the answer is posted, and in WAL mode every new read sees every
 * committed transaction.
 *
 * With the writer starts a second thread that checkpoints the WAL every 200 ms while the writes are
 * batches, every second while they are group commits of single commands (its commits do so only
 * past a backstop, see SqliteEventStoreOptions.walAutoCheckpointPages). It never keeps the
 * process alive; if it dies, the backstop checkpoints.
 */
export class WriterThread {
  private worker: Worker | undefined;
  private checkpointer: { worker: Worker; exited: Promise<void> } | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private exited: Promise<void> | undefined;
  /** The checkpointer's interval: it follows the kind of the last append (see the two intervals above). */
  private checkpointEveryMs = BATCH_CHECKPOINT_INTERVAL_MS;

  constructor(private readonly job: WriterJob) {}

  /** Whether the worker script is there to be run: compiled dist/, not the TypeScript under jest. */
  static available(): boolean {
    return workerScriptAvailable(import.meta.url, WORKER_SCRIPT);
  }

  async append(request: AppendRequest, snapshots?: readonly StateSnapshot[]): Promise<AppendResult> {
    const [outcome] = await this.post('appendEach', [request], snapshots);
    return fromSealedResult(request, outcome!);
  }

  async appendMany(requests: readonly AppendRequest[], snapshots?: readonly StateSnapshot[]): Promise<AppendResult[]> {
    const outcomes = await this.post('appendMany', requests, snapshots);
    return outcomes.map((outcome, index) => fromSealedResult(requests[index]!, outcome));
  }

  async appendEach(requests: readonly AppendRequest[], snapshots?: readonly StateSnapshot[]): Promise<AppendOutcome[]> {
    const outcomes = await this.post('appendEach', requests, snapshots);
    return outcomes.map((outcome, index) => fromSealedOutcome(requests[index]!, outcome));
  }

  /** Writes decision-state snapshots in a transaction of their own (SqliteEventStore.writeSnapshotsSync). */
  async saveSnapshots(snapshots: readonly StateSnapshot[]): Promise<void> {
    await this.post('snapshots', [], snapshots);
  }

  /** Waits for the writes in flight, then closes the thread's connection. */
  async close(): Promise<void> {
    const worker = this.worker;
    const checkpointer = this.checkpointer;
    this.worker = undefined;
    this.checkpointer = undefined;
    if (checkpointer) {
      checkpointer.worker.ref();
      checkpointer.worker.postMessage('close');
    }
    if (worker) {
      // Posted after every job: the thread takes messages in order, so it closes once they are written.
      worker.ref();
      worker.postMessage('close');
      await this.exited;
    }
    await checkpointer?.exited;
  }

  /** How often the checkpointer copies the WAL now (for the specs). */
  get checkpointIntervalMs(): number {
    return this.checkpointEveryMs;
  }

  private post(kind: WriteKind, requests: readonly AppendRequest[], snapshots?: readonly StateSnapshot[]): Promise<SealedOutcome[]> {
    const every = kind === 'appendEach' ? GROUP_COMMIT_CHECKPOINT_INTERVAL_MS : kind === 'appendMany' ? BATCH_CHECKPOINT_INTERVAL_MS : this.checkpointEveryMs;
    if (every !== this.checkpointEveryMs) {
      this.checkpointEveryMs = every;
      const message: CheckpointerInterval = { intervalMs: every };
      this.checkpointer?.worker.postMessage(message);
    }
    const worker = this.running();
    const id = this.nextId++;
    const job: WriteJob = snapshots && snapshots.length > 0 ? { id, kind, requests, snapshots } : { id, kind, requests };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // postMessage clones synchronously, so a request that cannot cross fails here, alone.
      try {
        worker.postMessage(job);
      } catch (error) {
        this.pending.delete(id);
        reject(error);
        return;
      }
      if (this.pending.size === 1) worker.ref();
    });
  }

  private running(): Worker {
    if (this.worker) return this.worker;
    const worker = storeThread(WORKER_SCRIPT, this.job);
    worker.unref();
    worker.on('message', (answer: WriteAnswer) => this.answered(worker, answer));
    // The thread died (it could not open the file, or crashed): what was in flight may or may not be
    // committed, as with a crash of the process; the callers are told the store failed them.
    const failAll = (error: unknown) => {
      if (this.worker === worker) this.worker = undefined;
      for (const [id, pending] of this.pending) {
        this.pending.delete(id);
        pending.reject(error);
      }
    };
    worker.on('error', (error) => failAll(new StoreUnavailableError(`event store writer failed: ${error instanceof Error ? error.message : String(error)}`)));
    this.exited = new Promise((resolve) => worker.once('exit', (code) => {
      failAll(new StoreUnavailableError(`event store writer thread exited (code ${code})`));
      resolve();
    }));
    this.worker = worker;
    this.checkpointer ??= this.startCheckpointer();
    return worker;
  }

  private startCheckpointer(): { worker: Worker; exited: Promise<void> } {
    const job: CheckpointerJob = { file: this.job.file, busyTimeoutMs: this.job.busyTimeoutMs, intervalMs: this.checkpointEveryMs };
    const worker = storeThread(CHECKPOINTER_SCRIPT, job);
    worker.unref();
    // A checkpointer that cannot run leaves the checkpoints to the writer's backstop: nothing to tell.
    worker.on('error', () => undefined);
    const exited = new Promise<void>((resolve) => worker.once('exit', () => {
      if (this.checkpointer?.worker === worker) this.checkpointer = undefined;
      resolve();
    }));
    return { worker, exited };
  }

  private answered(worker: Worker, answer: WriteAnswer): void {
    const pending = this.pending.get(answer.id);
    if (!pending) return;
    this.pending.delete(answer.id);
    if (this.pending.size === 0) worker.unref();
    if ('failed' in answer) pending.reject(fromFailedWrite(answer.failed));
    else pending.resolve(answer.outcomes);
  }
}
