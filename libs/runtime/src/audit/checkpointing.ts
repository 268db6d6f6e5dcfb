import { Checkpointer, CheckpointStore, loadOrCreateSigningKey } from '#event-store';
import type { SocaiConfig } from '../config.js';
import { auditConfig } from './audit-config.js';

export interface Checkpointing {
  checkpointer: Checkpointer;
  /** Stops signing and closes the checkpoint store's connection. */
  stop(): void;
}

/**
 * What `serve` starts next to the projector: the signing key (created on first start) and a
 * checkpointer over the event-store file, on a connection of its own.
 */
export function startCheckpointing(
  config: Pick<SocaiConfig, 'dataDir'>,
  env: NodeJS.ProcessEnv = process.env,
  onError?: (error: unknown) => void,
): Checkpointing {
  const settings = auditConfig(config, env);
  const key = loadOrCreateSigningKey(settings.signingKeyFile);
  const store = CheckpointStore.open(settings.eventStoreFile);
  const checkpointer = new Checkpointer(store, key, {
    everyEvents: settings.checkpointEveryEvents,
    everyMs: settings.checkpointEveryMinutes * 60_000,
    onError,
  });
  checkpointer.start();
  return {
    checkpointer,
    stop() {
      checkpointer.stop();
      store.close();
    },
  };
}
