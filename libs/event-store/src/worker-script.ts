import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Whether a worker thread can run `script`: the calling module (`moduleUrl`, its `import.meta.url`)
 * is compiled JavaScript and the compiled script is beside it. Under jest the modules are the
 * TypeScript sources, which a worker thread cannot load, so callers fall back to this thread.
 */
export function workerScriptAvailable(moduleUrl: string, script: URL): boolean {
  return moduleUrl.endsWith('.js') && existsSync(fileURLToPath(script));
}
