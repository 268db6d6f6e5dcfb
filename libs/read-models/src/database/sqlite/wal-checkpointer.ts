import { Worker } from 'node:worker_threads';
import { workerScriptAvailable } from '#event-store';

const WORKER_SCRIPT = new URL('./wal-checkpointer.worker.js', import.meta.url);

/** Where the checkpointer thread works: the worker thread gets this as its `workerData`. */
export interface CheckpointerJob {
  /** The database file whose WAL is folded in. */
  file: string;
  /** How long the thread waits after each checkpoint. */
  intervalMs: number;
  /** Set to 1 by the caller to stop the thread (Atomics.notify wakes it). */
  stop: SharedArrayBuffer;
}

/**
 * A thread of its own that folds a SQLite file's WAL into the file while this thread writes it: a
 * rebuild's commits then only append to the WAL, and the copying (reading the WAL, writing the
 * file, its fsyncs) runs on the second core, which the log reader leaves half idle. Passive
 * checkpoints never block the writer; the writer starts the WAL over whenever a checkpoint has
 * caught up. Without the compiled worker script (specs run from source) there is no thread: the
 * caller keeps SQLite's own checkpoints in its commits.
 */
export class WalCheckpointer {
  private constructor(
    private readonly worker: Worker,
    private readonly stopFlag: Int32Array,
    private readonly exited: Promise<void>,
  ) {}

  static available(): boolean {
    return workerScriptAvailable(import.meta.url, WORKER_SCRIPT);
  }

  /** Starts the thread; undefined where it cannot run (see available). */
  static start(file: string, intervalMs: number): WalCheckpointer | undefined {
    if (!WalCheckpointer.available()) return undefined;
    const stop = new SharedArrayBuffer(4);
    const job: CheckpointerJob = { file, intervalMs, stop };
    const worker = new Worker(WORKER_SCRIPT, { workerData: job });
    // Its failure only means the WAL is folded in later (by the caller's own checkpoints): never the writer's error.
    const exited = new Promise<void>((resolve) => {
      worker.once('error', () => resolve());
      worker.once('exit', () => resolve());
    });
    return new WalCheckpointer(worker, new Int32Array(stop), exited);
  }

  /** Stops the thread after the checkpoint it may be running, and resolves once it has closed its connection. */
  async stop(): Promise<void> {
    Atomics.store(this.stopFlag, 0, 1);
    Atomics.notify(this.stopFlag, 0);
    await this.exited;
  }
}
