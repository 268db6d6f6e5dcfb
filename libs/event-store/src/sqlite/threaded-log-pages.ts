import { Worker } from 'node:worker_threads';
import type { LogPosition, ReadAllOptions, RecordedEvent } from '../event-store.port.js';
import { eventsIn, LogPageReader, type LogPagesJob, type TransformedPage } from './log-pages.js';
import { workerScriptAvailable } from '../worker-script.js';

const WORKER_SCRIPT = new URL('./log-pages.worker.js', import.meta.url);
/** Pages read ahead of the projector: enough to keep it fed, few enough to hold little memory. */
const DEFAULT_AHEAD = 3;

export interface ThreadedLogPagesOptions {
  /** The metadata fields the pages keep; all when undefined (see LogPagesJob). */
  metadataFields?: readonly string[];
  /** Read on a worker thread; by default whenever the compiled worker script is there (not under jest). */
  threaded?: boolean;
  ahead?: number;
  /** The worker's page transform (LogPagesJob.transform): its pages are then read with readPages. */
  transform?: string;
}

type Page = RecordedEvent[] | TransformedPage;

/** A running worker and the pages it has posted that nobody has taken yet. */
interface Running {
  worker: Worker;
  pageSize: number;
  /** The position the next page starts at. */
  next: LogPosition;
  pages: Page[];
  waiting?: { resolve: (page: Page) => void; reject: (error: unknown) => void };
  failed?: unknown;
  /** It posted a short page and stopped: the end of the log as it stood. */
  ended: boolean;
  exited: boolean;
}

/**
 * The SQLite log read page by page for a rebuild, the reading and JSON.parse done on a worker thread
 * that runs ahead of the reader, so that they overlap with the projection on the main thread. It
 * answers `readAll({ fromPosition, limit })` like the store, for the pages a sequential reader asks
 * for; any other request (a retry from elsewhere, a read past the end as it stood) restarts the
 * worker or reads on this thread. Without the compiled worker script (specs run from source) it
 * reads on this thread only: the same pages, on a connection of its own.
 */
export class ThreadedLogPages {
  private running: Running | undefined;
  private inThread: LogPageReader | undefined;

  private constructor(
    private readonly file: string,
    private readonly options: ThreadedLogPagesOptions,
  ) {}

  static open(file: string, options: ThreadedLogPagesOptions = {}): ThreadedLogPages {
    return new ThreadedLogPages(file, options);
  }

  /** Whether the worker script is there to be run: compiled dist/, not the TypeScript under jest. */
  static workerThreadsAvailable(): boolean {
    return workerScriptAvailable(import.meta.url, WORKER_SCRIPT);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    if (options.types?.length) throw new Error('ThreadedLogPages reads the whole log; it does not filter by type');
    // The worker's pages are transformed ones: events are read here.
    if (this.options.transform) return this.readHere(options.fromPosition ?? 1, options.limit ?? -1);
    return (await this.readPage(options.fromPosition ?? 1, options.limit)) as RecordedEvent[];
  }

  /**
   * With a transform: the worker's next page as the transform made it, or the events themselves
   * where they are read on this thread (past the end the worker saw, or without a worker).
   */
  async readPages<T extends TransformedPage>(options: { fromPosition: LogPosition; limit: number }): Promise<RecordedEvent[] | T> {
    return (await this.readPage(options.fromPosition, options.limit)) as RecordedEvent[] | T;
  }

  private async readPage(from: LogPosition, limit: number | undefined): Promise<Page> {
    const threaded = this.options.threaded ?? ThreadedLogPages.workerThreadsAvailable();
    if (!threaded || limit === undefined || limit < 1) return this.readHere(from, limit ?? -1);
    const running = this.running;
    // Past the end the worker saw, the log is read here: what was appended since, usually nothing.
    if (running?.ended && running.pages.length === 0 && from >= running.next) return this.readHere(from, limit);
    if (running && running.next === from && running.pageSize === limit) return this.take(running);
    await this.stopWorker();
    return this.take(this.startWorker(from, limit));
  }

  async close(): Promise<void> {
    await this.stopWorker();
    this.inThread?.close();
    this.inThread = undefined;
  }

  private readHere(from: LogPosition, limit: number): RecordedEvent[] {
    this.inThread ??= new LogPageReader(this.file, this.options.metadataFields);
    return this.inThread.read(from, limit);
  }

  private startWorker(fromPosition: LogPosition, pageSize: number): Running {
    const job: LogPagesJob = {
      file: this.file, fromPosition, pageSize, metadataFields: this.options.metadataFields, ahead: this.options.ahead ?? DEFAULT_AHEAD, transform: this.options.transform,
    };
    const running: Running = { worker: new Worker(WORKER_SCRIPT, { workerData: job }), pageSize, next: fromPosition, pages: [], ended: false, exited: false };
    const fail = (error: unknown) => {
      running.failed ??= error;
      running.waiting?.reject(error);
      running.waiting = undefined;
    };
    running.worker.on('message', (page: Page) => {
      // Known now, not when the page is taken: the worker exits right after posting it.
      if (eventsIn(page) < pageSize) running.ended = true;
      if (running.waiting) {
        running.waiting.resolve(page);
        running.waiting = undefined;
      } else {
        running.pages.push(page);
      }
    });
    running.worker.on('error', fail);
    running.worker.on('exit', (code) => {
      running.exited = true;
      if (!running.ended && !running.failed) fail(new Error(`log reader thread exited with code ${code} before the end of the log`));
    });
    this.running = running;
    return running;
  }

  /** The worker's next page, once it has posted it; the worker may then read one more. */
  private async take(running: Running): Promise<Page> {
    const page = running.pages.shift() ?? (await this.nextPosted(running));
    if (!running.ended) running.worker.postMessage(1);
    if (eventsIn(page) > 0) running.next = (Array.isArray(page) ? page[page.length - 1]!.position : page.last) + 1;
    return page;
  }

  private nextPosted(running: Running): Promise<Page> {
    if (running.failed) return Promise.reject(running.failed);
    return new Promise((resolve, reject) => (running.waiting = { resolve, reject }));
  }

  private async stopWorker(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    // Node's terminate() of a thread that has already exited never settles.
    if (running && !running.exited) await running.worker.terminate();
  }
}
