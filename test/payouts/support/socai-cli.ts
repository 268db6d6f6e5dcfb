import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { join } from 'node:path';

/** The built `socai` command (`npm test` builds first), run as a separate process. */
const BIN = join(process.cwd(), 'bin', 'socai.js');

/** Runs `socai ARGS` with the environment given, optionally preloading a module (`--import`). */
export function socai(args: string[], env: NodeJS.ProcessEnv, preload?: string): SpawnSyncReturns<string> {
  const node = preload ? ['--import', preload] : [];
  return spawnSync('node', [...node, BIN, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
}
