#!/usr/bin/env node
// The `socai` command: the compiled CLI, and for `socai serve` the bundled server (npm ci builds both
// through the `prepare` script).
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { importHeapFlags } from './heap-limits.js';

/**
 * `socai import` runs in a child with heap limits sized for it (heap-limits.js). A user who set
 * NODE_OPTIONS, or started node with heap flags, is left to them.
 */
const LAUNCHED = 'SOCAI_LAUNCHED_WITH_HEAP_LIMITS';

function wantsHeapLimits() {
  if (process.argv[2] !== 'import' || process.env[LAUNCHED] || process.env.NODE_OPTIONS) return false;
  return !process.execArgv.some((flag) => /^--max-(old|semi)-space-size/.test(flag));
}

if (wantsHeapLimits()) {
  const child = spawn(process.execPath, [...process.execArgv, ...importHeapFlags(), fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, [LAUNCHED]: '1' },
  });
  // A signal meant for `socai import` (Ctrl-C, a service manager's stop) goes to the import itself.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (signal) {
      // Die of the same signal, so the caller sees what happened to the import.
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
      return;
    }
    process.exit(code ?? 1);
  });
} else {
  if (process.env[LAUNCHED] && process.channel) {
    // The launcher gone (even by SIGKILL) closes the channel: the import stops as abruptly, so that
    // killing `socai import` never leaves it writing behind the caller's back.
    process.on('disconnect', () => process.kill(process.pid, 'SIGKILL'));
    process.channel.unref();
  }
  const bundle = serveBundle();
  if (bundle) await serveFrom(bundle);
  else await import('../dist/apps/cli/src/main.js');
}

/**
 * `socai serve` alone starts the API from its bundle (tools/bundle.mjs, built by `npm run build`): one
 * module to load instead of about 1,400, the most of a start (issue 23). The bundle is used only if it
 * is at least as new as tsc's output of the API's entry, so a build by tsc alone never serves older
 * code; without it, the compiled CLI starts the same server from dist/ (apps/cli/src/main.ts).
 */
function serveBundle() {
  if (process.argv.length !== 3 || process.argv[2] !== 'serve') return undefined;
  const bundle = new URL('../dist/bundle/serve.js', import.meta.url);
  const compiled = new URL('../dist/apps/api/src/main.js', import.meta.url);
  const bundled = statSync(bundle, { throwIfNoEntry: false });
  const entry = statSync(compiled, { throwIfNoEntry: false });
  return bundled && (!entry || bundled.mtimeMs >= entry.mtimeMs) ? bundle : undefined;
}

/** As apps/cli/src/main.ts answers a server that cannot start: one line on standard error, exit 2. */
async function serveFrom(bundle) {
  try {
    await import(bundle.href);
  } catch (error) {
    process.stderr.write(`socai: ${error.message}\n`);
    process.exit(2);
  }
}
