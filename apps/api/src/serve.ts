import { createLogger, SocaiRuntime, startBackground, type SocaiConfig } from '#runtime';
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
  // The projector and the checkpointer (SOCAI_CHECKPOINT_EVERY_EVENTS / _MINUTES, key in SOCAI_SIGNING_KEY).
  const background = await startBackground(runtime, config, logger);
  // The likeliest streams' decision states, loaded before the first command instead of by it; bounded
  // by the state cache's capacity, so a few seconds at most whatever the size of the log.
  const warmStarted = Date.now();
  const warmed = await runtime.ledger.warmStates();
  const warmMs = Date.now() - warmStarted;
  const app = await createHttpApp(runtime, { port: config.port, host: config.host, logger });
  if (warmed > 0) logger.info({ streams: warmed, durationMs: warmMs }, `loaded ${warmed} stream states in ${warmMs} ms`);
  logger.info(
    { url: `http://${config.host}:${config.port}`, dataDir: config.dataDir, logLevel: config.logLevel },
    `listening on http://${config.host}:${config.port} (data in ${config.dataDir}); OpenAPI at /docs`,
  );
  closeAll = async () => {
    await app.close();
    await background.stop();
    await runtime.close();
  };
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
}
