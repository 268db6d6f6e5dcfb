// Single commands through the Ledger (load → decide → append with a durable commit each), from 32
// concurrent callers, on a ledger that already holds the generated file. Its reference, one raw
// better-sqlite3 row per synchronous=FULL transaction, runs right before and right after in the same
// process: fsync speed on a shared disk drifts by a factor of ten within minutes.
import { rawSingleRowRate } from '../lib/raw-single.mjs';
import { argsOf, peakRssMb, percentile, report, secondsSince } from '../lib/measure.mjs';
import { activeEmployers, collectionBody } from '../lib/collections.mjs';
import { configFor, SocaiRuntime } from '../lib/socai.mjs';

const args = argsOf();
const callers = Number(args.callers ?? 32);
const seconds = Number(args.seconds ?? 5);
const employers = activeEmployers(`${args.dir}/events.sqlite`);
const rawBefore = rawSingleRowRate(`${args.dir}/raw-single.sqlite`, `${args.dir}/events.sqlite`, seconds / 2);
const runtime = SocaiRuntime.open(configFor(args.dir));
// The ledger starts as `socai serve` starts it: the likeliest streams' states loaded before the first
// command (outside the timed window). Cold, each active employer's first command reads its ≈ 45 scattered
// events from the file, which was more than half of the run's CPU; `--cold 1` measures that start.
const warmedStreams = args.cold === '1' ? 0 : await runtime.ledger.warmStates();
// `--projector 1` runs the read-model projector alongside, as `socai serve` does.
if (args.projector === '1') runtime.readModels.projector.start(runtime.store, 100);
const context = { actor: 'bench', role: 'admin', source: 'cli' };
const run = `${process.pid}-${Date.now()}`;

let next = 0;
let created = 0;
let other = 0;
const samples = [];
const deadline = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
const started = process.hrtime.bigint();
async function caller() {
  while (process.hrtime.bigint() < deadline) {
    const i = next++;
    const command = { command: 'CollectContribution', data: collectionBody(employers[i % employers.length], `BENCH-${run}-${i}`) };
    const sent = process.hrtime.bigint();
    const outcome = await runtime.ledger.execute(command, context);
    samples.push(Number(process.hrtime.bigint() - sent) / 1e6);
    if (outcome.status === 'created') created++;
    else other++;
  }
}
await Promise.all(Array.from({ length: callers }, caller));
const elapsed = secondsSince(started);
await runtime.close();
const rawAfter = rawSingleRowRate(`${args.dir}/raw-single.sqlite`, `${args.dir}/events.sqlite`, seconds / 2);

report('ledger-commands', {
  callers,
  projector: args.projector === '1',
  warmedStreams,
  created,
  duplicates: other,
  seconds: elapsed,
  commandsPerSecond: created / elapsed,
  p50Ms: percentile(samples, 50),
  p99Ms: percentile(samples, 99),
  peakRssMb: peakRssMb(),
  rawSingleRowPerSecond: (rawBefore + rawAfter) / 2,
});
