// Single commands through the Ledger (load → decide → append with a durable commit each), from 32
// concurrent callers, on a ledger that already holds the generated file. Its reference, one raw
// better-sqlite3 row per synchronous=FULL transaction, runs right before and right after in the same
// process: fsync speed on a shared disk drifts by a factor of ten within minutes.
import { rawSingleRowRate } from '../lib/raw-single.mjs';
import { argsOf, peakRssMb, percentile, report, secondsSince, threadCpuMs, threadCpuSince } from '../lib/measure.mjs';
import { activeEmployers, collectionBody } from '../lib/collections.mjs';
import { newMonthCommands } from '../lib/new-month-commands.mjs';
import { configFor, SocaiRuntime } from '../lib/socai.mjs';

const args = argsOf();
const callers = Number(args.callers ?? 32);
const seconds = Number(args.seconds ?? 5);
const run = `${process.pid}-${Date.now()}`;
const store = `${args.dir}/events.sqlite`;
// `--commands new-month` (the scale run's cold start, issue 23): one command per active employer, the
// month after the file's last, in an order spread over the ledger, so that no stream is written twice
// and each command reads its stream's state; the run ends at the deadline or when they are all sent.
// Otherwise: new collections for the active employers in turn, as long as the time lasts.
const newMonth = args.commands === 'new-month' ? newMonthCommands(store, run) : undefined;
const employers = newMonth ? [] : activeEmployers(store);
const commandAt = newMonth
  ? (i) => newMonth.commands[i]
  : (i) => ({ command: 'CollectContribution', data: collectionBody(employers[i % employers.length], `BENCH-${run}-${i}`) });
const rawBefore = rawSingleRowRate(`${args.dir}/raw-single.sqlite`, store, seconds / 2);
const openStarted = process.hrtime.bigint();
const runtime = SocaiRuntime.open(configFor(args.dir));
const openSeconds = secondsSince(openStarted);
// The ledger starts as `socai serve` starts it: the likeliest streams' states loaded before the first
// command (outside the timed window). Cold, each active employer's first command reads its ≈ 45 scattered
// events from the file, which was more than half of the run's CPU; `--cold 1` measures that start.
const warmedStreams = args.cold === '1' ? 0 : await runtime.ledger.warmStates();
// `--projector 1` runs the read-model projector alongside, as `socai serve` does.
if (args.projector === '1') runtime.readModels.projector.start(runtime.store, 100);
const context = { actor: 'bench', role: 'admin', source: 'cli' };

let next = 0;
let created = 0;
let other = 0;
// A refused command wrote nothing: it is counted, by its code, and never in the rate.
let refused = 0;
const refusals = {};
const samples = [];
// A fresh process's first command also pays its one-off costs (statements prepared, code compiled).
let firstMs;
const deadline = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
const started = process.hrtime.bigint();
const cpuBefore = process.cpuUsage();
const threadsBefore = threadCpuMs();
async function caller() {
  while (process.hrtime.bigint() < deadline) {
    const i = next++;
    const command = commandAt(i);
    if (!command) return;
    const sent = process.hrtime.bigint();
    try {
      const outcome = await runtime.ledger.execute(command, context);
      if (outcome.status === 'created') created++;
      else other++;
      firstMs ??= Number(process.hrtime.bigint() - started) / 1e6;
    } catch (error) {
      refused++;
      const code = `${error.name}${error.code ? ` ${error.code}` : ''}`;
      refusals[code] ??= { count: 0, first: `${command.command}: ${String(error.message).slice(0, 200)}` };
      refusals[code].count++;
      continue;
    }
    samples.push(Number(process.hrtime.bigint() - sent) / 1e6);
  }
}
await Promise.all(Array.from({ length: callers }, caller));
const elapsed = secondsSince(started);
const cpu = process.cpuUsage(cpuBefore);
// Which thread is busiest: the main thread decides, the store's writer thread commits, its checkpointer copies the WAL.
const threads = threadCpuSince(threadsBefore);
const commits = runtime.ledger.groupCommits;
await runtime.close();
const rawAfter = rawSingleRowRate(`${args.dir}/raw-single.sqlite`, store, seconds / 2);
const rawSingleRowPerSecond = (rawBefore + rawAfter) / 2;

report('ledger-commands', {
  callers,
  commands: newMonth ? `new-month ${newMonth.month}` : 'collections',
  cold: args.cold === '1',
  projector: args.projector === '1',
  warmedStreams,
  openSeconds,
  created,
  duplicates: other,
  refused,
  refusals,
  seconds: elapsed,
  firstCommandMs: firstMs,
  commandsPerSecond: created / elapsed,
  cpuMicrosPerCommand: created ? ((cpu.user + cpu.system) / created) : undefined,
  threadCpuMicrosPerCommand: created ? Object.fromEntries(Object.entries(threads).map(([thread, ms]) => [thread, Math.round((ms * 1000) / created)])) : undefined,
  groupCommits: commits?.groups,
  meanGroup: commits?.groups ? commits.appends / commits.groups : undefined,
  p50Ms: percentile(samples, 50),
  p99Ms: percentile(samples, 99),
  peakRssMb: peakRssMb(),
  rawSingleRowPerSecond,
  rawBefore,
  rawAfter,
  ratioToRaw: created / elapsed / rawSingleRowPerSecond,
});
