import type { Logger } from 'pino';
import { createLogger, SocaiRuntime, startBackground, type Background, type SocaiConfig } from '#runtime';
import { createHttpApp } from './bootstrap.js';
import { exitOnUnhandledRejection } from './fatal-errors.js';

/** Opens the ledger, starts the projector and the HTTP server, and closes both on SIGTERM/SIGINT. */
export async function serve(config: SocaiConfig): Promise<void> {
  const logger = createLogger(config, 'socai');
  // Whatever is open by then is closed on the way out (see fatal-errors.ts).
  let closeAll = async (): Promise<void> => undefined;
  exitOnUnhandledRejection({
    log: (message) => {
      logger.fatal(message);
      logger.flush();
    },
    close: () => closeAll(),
  });
  // A new ledger gets its seed facts (the verified rates k) before anything else is written.
  const runtime = await SocaiRuntime.openForRecording(config);
  const warmUp = new AbortController();
  let app: Awaited<ReturnType<typeof createHttpApp>> | undefined;
  let backgroundStarting: Promise<Background> | undefined;
  closeAll = async () => {
    warmUp.abort();
    await app?.close();
    const background = await backgroundStarting?.catch(() => undefined);
    await background?.stop();
    await runtime.close();
  };
  await catchUpShortLag(runtime, logger);
  app = await createHttpApp(runtime, { port: config.port, host: config.host, logger });
  // The projector and the checkpointer (SOCAI_CHECKPOINT_EVERY_EVENTS / _MINUTES, key in SOCAI_SIGNING_KEY),
  // started once the server listens: their thread loads its own copy of the modules (about a second of
  // CPU), which, started before, took a core from the server's own loading on a busy machine. Until it
  // runs the read models stand still, which `/health` and `/health/ready` (lag) report as they are. Its
  // signing key is created here, before this turn ends and so before any request is read. A thread that
  // cannot start still stops `serve` (awaited below); the handler only keeps that from counting as
  // unhandled meanwhile.
  backgroundStarting = startBackground(runtime, config, logger);
  backgroundStarting.catch(() => undefined);
  logger.info(
    { url: `http://${config.host}:${config.port}`, dataDir: config.dataDir, logLevel: config.logLevel },
    `listening on http://${config.host}:${config.port} (data in ${config.dataDir}); OpenAPI at /docs`,
  );
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    await closeAll();
    logger.flush();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  void warmStates(runtime, logger, warmUp.signal);
  await backgroundStarting;
}

/**
 * A log at most this many events ahead of the read models is projected on this thread before the
 * server listens (a new ledger's seed facts, the last batch of an import), so that the first answers
 * show read models as current as when the server waited for its background thread; a longer lag is
 * the background thread's, and `/health/ready` says so meanwhile.
 */
const CATCH_UP_BEFORE_LISTEN_EVENTS = 1_000;

async function catchUpShortLag(runtime: SocaiRuntime, logger: Logger): Promise<void> {
  try {
    const models = runtime.readModels;
    const lag = (await runtime.store.headPosition()) - (await models.projector.position());
    // A rebuild a migration asked for is the background thread's too: it reads the whole log.
    if (lag <= 0 || lag > CATCH_UP_BEFORE_LISTEN_EVENTS || (await models.store.rebuildRequested())) return;
    // Safe beside the background thread's projector: the checkpoint fences both (as for a CLI catch-up).
    await models.projector.catchUp(runtime.store);
  } catch (error) {
    // The background thread projects and reports it; the server listens regardless.
    logger.warn({ component: 'projector', err: error }, 'catching up before listening failed');
  }
}

/**
 * The likeliest streams' decision states, loaded into the cache after the server listens instead of
 * by their first commands (bounded by the state cache's capacity). It used to run before listening,
 * so a start waited for it; now commands that arrive meanwhile are answered, each loading its own
 * stream if the warm-up has not reached it yet (a state loaded twice is the same state, and the
 * append's expected revision checks any cached state). It yields between slices, so requests go
 * first; readiness does not wait for it, as nothing it loads changes an answer.
 */
/**
 * Streams the warm-up loads between two turns of the event loop: a slice of 100 employers held a
 * request that came meanwhile (the first `/health` of a start) for 0.1–0.6 s on the 1M ledger.
 */
const WARM_UP_SLICE_STREAMS = 10;

async function warmStates(runtime: SocaiRuntime, logger: Logger, signal: AbortSignal): Promise<void> {
  const started = Date.now();
  try {
    const warmed = await runtime.ledger.warmStates({ signal, sliceSize: WARM_UP_SLICE_STREAMS });
    const durationMs = Date.now() - started;
    if (warmed > 0 && !signal.aborted) logger.info({ streams: warmed, durationMs }, `loaded ${warmed} stream states in ${durationMs} ms`);
  } catch (error) {
    // Only a speed-up: a failure (the store closing under it) leaves the cache to fill as commands come.
    if (!signal.aborted) logger.warn({ err: error }, 'state warm-up stopped');
  }
}
