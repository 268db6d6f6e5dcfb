import { Logger } from '@nestjs/common';
import { startBackground } from './background/background.js';
import { createHttpApp } from './bootstrap.js';
import type { SocaiConfig } from './config.js';
import { SocaiRuntime } from './runtime.js';

/** Opens the ledger, starts the projector and the HTTP server, and closes both on SIGTERM/SIGINT. */
export async function serve(config: SocaiConfig): Promise<void> {
  const runtime = SocaiRuntime.open(config);
  await runtime.ready();
  // The projector and the checkpointer (SOCAI_CHECKPOINT_EVERY_EVENTS / _MINUTES, key in SOCAI_SIGNING_KEY).
  const background = await startBackground(runtime, config);
  // The likeliest streams' decision states, loaded before the first command instead of by it; bounded
  // by the state cache's capacity, so a few seconds at most whatever the size of the log.
  const warmStarted = Date.now();
  const warmed = await runtime.ledger.warmStates();
  const warmMs = Date.now() - warmStarted;
  const app = await createHttpApp(runtime, { port: config.port, host: config.host });
  // Logged once the app exists: Nest's logger prints nothing before.
  if (warmed > 0) new Logger('socai').log(`loaded ${warmed} stream states in ${warmMs} ms`);
  new Logger('socai').log(`listening on http://${config.host}:${config.port} (data in ${config.dataDir}); OpenAPI at /docs`);
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await app.close();
    await background.stop();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
