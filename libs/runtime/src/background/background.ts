import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { loadOrCreateSigningKey } from '#event-store';
import { auditConfig } from '../audit/audit-config.js';
import { startCheckpointing } from '../audit/checkpointing.js';
import type { SocaiConfig } from '../config.js';
import type { SocaiRuntime } from '../runtime.js';

/** What `serve` runs next to the HTTP server: the projector and the checkpointer. */
export interface Background {
  stop(): Promise<void>;
}

const RESTART_DELAY_MS = 1_000;
const STOP_TIMEOUT_MS = 30_000;

/**
 * Starts the projector and the checkpointer. On an embedded ledger (SQLite event store) they run in
 * a worker thread: both are synchronous SQLite work (a projected batch, the checkpointer's fold of
 * the log), and on the server's own thread they held the event loop while requests waited (their share
 * of its CPU under load: docs/benchmarks.md, "Tunables"). SQLite's WAL lets the worker's connections write
 * the read models while the server's read them. With a cluster (EventStoreDB) they stay in the
 * process, as its projector follows a subscription and its work is mostly waiting on the network.
 */
export async function startBackground(runtime: SocaiRuntime, config: SocaiConfig, logger: Logger): Promise<Background> {
  if (config.eventStore !== 'sqlite') return inProcess(runtime, config, logger);
  return workerThread(config, logger);
}

function inProcess(runtime: SocaiRuntime, config: SocaiConfig, logger: Logger): Background {
  runtime.readModels.projector.start(runtime.store, config.projectionIntervalMs);
  const checkpointing = startCheckpointing(config, process.env, (error) => logger.error({ component: 'checkpointer', err: error }, 'checkpointing failed'));
  return {
    async stop() {
      await runtime.readModels.projector.stop();
      checkpointing.stop();
    },
  };
}

/** The worker, restarted if it fails (the store may come back); resolves once it has started once. */
async function workerThread(config: SocaiConfig, logger: Logger): Promise<Background> {
  // The signing key exists before the first request (the audit routes read it), as when the
  // checkpointer started in the process; the worker starts signing only after the server is up.
  loadOrCreateSigningKey(auditConfig(config).signingKeyFile);
  let stopping = false;
  let worker: Worker;
  let exited: Promise<void>;
  const spawn = () => new Promise<void>((started, failed) => {
    worker = new Worker(new URL('./background-work.js', import.meta.url), { workerData: config });
    worker.once('message', () => started());
    worker.on('error', (error) => {
      logger.error({ component: 'background', err: error }, 'the projector and checkpointer thread failed; restarting it');
      failed(error);
    });
    exited = new Promise((resolve) => worker.once('exit', () => {
      resolve();
      if (!stopping) setTimeout(() => void (stopping ? undefined : spawn().catch(() => undefined)), RESTART_DELAY_MS).unref();
    }));
  });
  await spawn();
  return {
    async stop() {
      stopping = true;
      worker.postMessage('stop');
      const timeout = setTimeout(() => void worker.terminate(), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timeout);
    },
  };
}
