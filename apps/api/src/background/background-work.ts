import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteEventStore } from '#event-store';
import { loadAreaDirectory } from '#ledger';
import { generationStamp, openReadModels, type ReadModels } from '#read-models';
import { createLogger, type SocaiConfig, startCheckpointing } from '#runtime';
import { lowerThisThreadPriority } from './thread-priority.js';

// The worker thread of background.ts: the projector and the checkpointer of an embedded ledger, each
// on connections of its own, until the server asks it to stop.
const config = workerData as SocaiConfig;
// The requests come first: projecting a command cost about as much CPU as answering it (≈ 0.6–0.75 ms
// in the summaries' triggers), and on two cores this thread, the request thread and the clients
// contended, which stretched the requests' p99. At nice 10 it gets ≈ 10% of a core they want (CFS
// weights 110 : 1024) and every idle moment: the read models lag under a burst and catch up after.
lowerThisThreadPriority(10);
// The same lines as the server's (SOCAI_LOG_LEVEL, SOCAI_LOG_FORMAT), named for the part that wrote them.
const logger = createLogger(config, 'socai').child({ thread: 'background' });
const store = SqliteEventStore.open(join(config.dataDir, 'events.sqlite'));
const areas = loadAreaDirectory();
async function startProjecting(): Promise<ReadModels> {
  const models = openReadModels(config.dataDir, areas, {
    location: config.readModels,
    onError: (error) => logger.error({ component: 'projector', err: error }, 'projecting failed; retrying'),
  });
  await models.ready();
  models.projector.start(store, config.projectionIntervalMs);
  return models;
}
let readModels = await startProjecting();
// An online rebuild (rebuild/online-rebuild.ts) replaces the generation pointer once the new read models
// have caught up: the projector then moves to them, from their own checkpoint.
let stamp = generationStamp(config.dataDir);
let switching: Promise<void> | undefined;
const following = setInterval(() => {
  if (switching || generationStamp(config.dataDir) === stamp) return;
  stamp = generationStamp(config.dataDir);
  switching = (async () => {
    await readModels.projector.stop();
    await readModels.close();
    readModels = await startProjecting();
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
  await readModels.close();
  await store.close();
  logger.info({ component: 'background' }, 'projector and checkpointer stopped');
  logger.flush();
  parentPort!.close();
});
