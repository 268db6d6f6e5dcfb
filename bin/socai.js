#!/usr/bin/env node
// The `socai` command: the compiled CLI (npm ci builds it through the `prepare` script).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * `socai import` runs in a child with heap limits sized for it. Left to its defaults V8 lets an
 * import's garbage pile up far past what it keeps (610 MB peak RSS on a 971k-event file, where
 * `--max-old-space-size=256 --max-semi-space-size=32` held a 323k import at ≈ 380 MB). The old space
 * must hold the decision-state cache (≈ 180 B per folded event) beside the rest of the process; the
 * larger semi-space keeps the short-lived objects of each line out of it. A user who set
 * NODE_OPTIONS, or started node with heap flags, is left to them.
 */
const HEAP_BASE_MB = 128;
const CACHED_EVENT_BYTES = 192;
const DEFAULT_STATE_CACHE_EVENTS = 1_000_000; // the default of SOCAI_STATE_CACHE_EVENTS (apps/api/src/config.ts)
const LAUNCHED = 'SOCAI_LAUNCHED_WITH_HEAP_LIMITS';

function wantsHeapLimits() {
  if (process.argv[2] !== 'import' || process.env[LAUNCHED] || process.env.NODE_OPTIONS) return false;
  return !process.execArgv.some((flag) => /^--max-(old|semi)-space-size/.test(flag));
}

function heapFlags() {
  const configured = Number(process.env.SOCAI_STATE_CACHE_EVENTS);
  // A malformed value is reported by the CLI itself; it only sizes the heap here.
  const cacheEvents = Number.isSafeInteger(configured) && configured > 0 ? configured : DEFAULT_STATE_CACHE_EVENTS;
  const oldSpaceMb = HEAP_BASE_MB + Math.ceil((cacheEvents * CACHED_EVENT_BYTES) / 2 ** 20);
  return [`--max-old-space-size=${oldSpaceMb}`, '--max-semi-space-size=32'];
}

if (wantsHeapLimits()) {
  const child = spawn(process.execPath, [...process.execArgv, ...heapFlags(), fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
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
  await import('../dist/apps/cli/src/main.js');
}
