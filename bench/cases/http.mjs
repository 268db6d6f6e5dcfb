// HTTP commands under autocannon: socai's `POST /api/collections` (auth, validation, the ledger, a durable
// commit, the projector polling alongside) against a bare NestJS route on the same HTTP stack. Each
// server runs in a child process of its own; autocannon drives both from here with the same settings.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { activeEmployers, collectionBody } from '../lib/collections.mjs';
import { argsOf, report } from '../lib/measure.mjs';
import { rawSingleRowRate } from '../lib/raw-single.mjs';

const args = argsOf();
const connections = Number(args.connections ?? 32);
const duration = Number(args.seconds ?? 5);
const adminKey = 'sk_bench-admin-key-for-the-benchmark-only';
const employers = activeEmployers(`${args.dir}/events.sqlite`);

function start(script, scriptArgs, env) {
  const child = spawn(process.execPath, [script, ...scriptArgs], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  return child;
}

// socai loads its likeliest decision states before it listens (a few seconds, longer on a loaded machine).
async function waitUntilUp(url) {
  for (let i = 0; i < 600; i++) {
    try {
      await fetch(url);
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`no server at ${url}`);
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

/** One autocannon run; every request is a collection with a receipt number never used before. */
async function load(url, label, seconds) {
  let sent = 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [{
      method: 'POST',
      path: '/api/collections',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
      setupRequest: (request) => {
        const i = sent++;
        return { ...request, body: JSON.stringify(collectionBody(employers[i % employers.length], `HTTP-${label}-${Date.now()}-${i}`)) };
      },
    }],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    total: result.requests.total,
  };
}

async function measure(child, url, label) {
  try {
    await waitUntilUp(`${url}/health`);
    await load(url, `${label}-warmup`, 1);
    return await load(url, label, duration);
  } finally {
    await stop(child);
  }
}

const barePort = 39000 + (process.pid % 500);
const socaiPort = barePort + 500;
const bare = await measure(start('bench/servers/bare-nest.mjs', [], { PORT: String(barePort) }), `http://127.0.0.1:${barePort}`, 'bare');
// Every socai command is a durable commit: the disk's fsync rate of the moment is the context of its figure.
const rawSingleRowPerSecond = rawSingleRowRate(`${args.dir}/raw-single.sqlite`, `${args.dir}/events.sqlite`, 2);
const socai = await measure(
  start('bin/socai.js', ['serve'], { SOCAI_DATA_DIR: args.dir, SOCAI_PORT: String(socaiPort), SOCAI_ADMIN_KEY: adminKey }),
  `http://127.0.0.1:${socaiPort}`,
  'socai',
);
report('http', { connections, seconds: duration, bare, socai, rawSingleRowPerSecond });
