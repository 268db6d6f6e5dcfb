// How soon `socai serve` answers on an existing ledger (issue 23: `/health` within 2 s of start): the
// launcher `bin/socai.js serve` is spawned as a user starts it, and `GET /health` is asked every 10 ms
// from the spawn until its first 200, then `GET /health/ready` until its first 200 (the read models
// within SOCAI_READY_MAX_LAG of the log). The server's own log line of its state warm-up, which it
// runs once it listens (issue 23: it used to run before), is then awaited (up to 60 s) for its figures.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { argsOf, report } from '../lib/measure.mjs';

const args = argsOf();
// A port the system says is free now (a fixed range collided with another process's socket once:
// EADDRINUSE at the 1M scale run of 2026-12-07).
const port = await new Promise((resolve, reject) => {
  const probe = createServer();
  probe.once('error', reject);
  probe.listen(0, '127.0.0.1', () => {
    const { port: free } = probe.address();
    probe.close(() => resolve(free));
  });
});
const base = `http://127.0.0.1:${port}`;
const timeoutMs = Number(args['timeout-s'] ?? 120) * 1000;

const started = process.hrtime.bigint();
const sinceStart = () => Number(process.hrtime.bigint() - started) / 1e6;
const child = spawn(process.execPath, ['bin/socai.js', 'serve'], {
  env: { ...process.env, SOCAI_DATA_DIR: args.dir, SOCAI_PORT: String(port), SOCAI_HOST: '127.0.0.1', SOCAI_ADMIN_KEY: 'sk_bench-admin-key-for-the-benchmark-only', SOCAI_LOG_FORMAT: 'json', SOCAI_LOG_LEVEL: 'info' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let log = '';
child.stdout.on('data', (chunk) => (log += chunk));
let exited;
child.on('exit', (code, signal) => (exited = { code, signal }));

/** Milliseconds from the spawn to the first 200 of `path`, polling every 10 ms. */
async function firstOk(path) {
  let lastStatus;
  while (sinceStart() < timeoutMs) {
    if (exited) throw new Error(`socai serve exited (${JSON.stringify(exited)}) before ${path} answered 200\n${log.slice(-2000)}`);
    try {
      const response = await fetch(`${base}${path}`);
      lastStatus = response.status;
      await response.arrayBuffer();
      if (response.ok) return sinceStart();
    } catch {
      // Not listening yet.
    }
    await sleep(10);
  }
  throw new Error(`${path} did not answer 200 within ${timeoutMs} ms (last status ${lastStatus ?? 'none'})`);
}

try {
  const healthMs = await firstOk('/health');
  const readyMs = await firstOk('/health/ready');
  // The warm-up's log line (serve.ts): `{streams, durationMs}`, written when it ends, after the server listens.
  const warmUpLine = () => log.split('\n').map((l) => {
    try {
      return JSON.parse(l);
    } catch {
      return undefined;
    }
  }).find((entry) => entry && Number.isFinite(entry.streams) && Number.isFinite(entry.durationMs));
  const warmUpWaitUntil = sinceStart() + 60_000;
  while (!warmUpLine() && !exited && sinceStart() < warmUpWaitUntil) await sleep(10);
  const warmUp = warmUpLine();
  report('serve-start', { healthMs, readyMs, warmedStreams: warmUp?.streams ?? 0, warmUpMs: warmUp?.durationMs ?? 0, warmedMs: warmUp ? sinceStart() : 0 });
} finally {
  if (!exited) {
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    // A server that does not close within 30 s is killed: the next step needs the ledger.
    const hung = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await gone;
    clearTimeout(hung);
  }
}
