import { parentPort, workerData } from 'node:worker_threads';
import type { ReadModels } from '#read-models';
import { startCheckpointing } from '../audit/checkpointing.js';
import type { SocaiConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { SocaiRuntime } from '../runtime.js';
import { BACKGROUND_THREAD_NICE } from '../tunables.js';
import { lowerThisThreadPriority } from './thread-priority.js';

// The worker thread of background.ts: the projector and the checkpointer of an embedded ledger, each
// on connections of its own, until the server asks it to stop.
const config = workerData as SocaiConfig;
// The requests come first: projecting a command costs about as much CPU as answering it, and on a
// small machine this thread, the request thread and the clients contended, which stretched the
// requests' p99. At a lower priority it gets little of a core they want and every idle moment: the
// read models lag under a burst and catch up after (docs/benchmarks.md, "Tunables").
lowerThisThreadPriority(BACKGROUND_THREAD_NICE);
// The same lines as the server's (SOCAI_LOG_LEVEL, SOCAI_LOG_FORMAT), named for the part that wrote them.
const logger = createLogger(config, 'socai').child({ thread: 'background' });
// The same runtime as the server's, opened on this thread's own connections; only its projector runs here.
const runtime = SocaiRuntime.open(config, {
  onProjectionError: (error) => logger.error({ component: 'projector', err: error }, 'projecting failed; retrying'),
});
async function startProjecting(models: ReadModels): Promise<ReadModels> {
  await models.ready();
  models.projector.start(runtime.store, config.projectionIntervalMs);
  return models;
}
let readModels = await startProjecting(runtime.readModels);
// An online rebuild (online-rebuild.ts) replaces the generation pointer once the new read models have
// caught up: the runtime then opens them (and closes the old ones), and the projector moves to them,
// from their own checkpoint.
let switching: Promise<void> | undefined;
const following = setInterval(() => {
  if (switching) return;
  const serving = runtime.readModels;
  if (serving === readModels) return;
  switching = (async () => {
    await readModels.projector.stop();
    readModels = await startProjecting(serving);
    logger.info({ component: 'projector' }, 'switched to the new read-model generation');
  })().finally(() => {
    switching = undefined;
  });
}, config.projectionIntervalMs);
// Started before the checkpointer, whose first checkpoint may fold the whole log: the server need
// not wait for it.
parentPort!.postMessage('started');
// Signed checkpoints over the log (SOCAI_CHECKPOINT_EVERY_EVENTS / _MINUTES, key in SOCAI_SIGNING_KEY).
const checkpointing = startCheckpointing(config, process.env, (error) => logger.error({ component: 'checkpointer', err: error }, 'checkpointing failed'));
logger.info({ component: 'background', projectionIntervalMs: config.projectionIntervalMs }, 'projector and checkpointer started');

parentPort!.once('message', async () => {
  clearInterval(following);
  await switching;
  // The projector's batch in flight commits with its checkpoint before the connections close.
  await readModels.projector.stop();
  checkpointing.stop();
  await runtime.close();
  logger.info({ component: 'background' }, 'projector and checkpointer stopped');
  logger.flush();
  parentPort!.close();
});
