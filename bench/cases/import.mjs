// `socai import` of a generated file into a fresh data directory: validation, decisions, hashing and a
// durable commit per batch, as the CLI does it (same runtime, same importFile).
// `--heap-watch-s N` (under node --expose-gc) also prints the live heap after a forced full collection
// every N seconds beside the resident set, on standard error: what an import's heap limit must hold.
import { readFileSync, rmSync } from 'node:fs';
import { argsOf, cpuSecondsSince, ioCounters, peakRssMb, report, timed } from '../lib/measure.mjs';
import { configFor, importFile, SocaiRuntime } from '../lib/socai.mjs';

const args = argsOf();
rmSync(args.dir, { recursive: true, force: true });
const watch = args['heap-watch-s'] === undefined ? undefined : watchHeap(Number(args['heap-watch-s']) * 1000);
const cpuBefore = process.cpuUsage();
const { result: summary, seconds } = await timed(async () => {
  const runtime = SocaiRuntime.open(configFor(args.dir));
  try {
    return await importFile(runtime, args.file);
  } finally {
    await runtime.close();
  }
});
clearInterval(watch);
report('import', {
  lines: summary.lines,
  events: summary.events,
  refused: summary.refused,
  seconds,
  eventsPerSecond: summary.events / seconds,
  // Every thread of the process (the writer and checkpointer threads too): the figure to trust on a shared machine.
  cpuSeconds: cpuSecondsSince(cpuBefore),
  peakRssMb: peakRssMb(),
  io: ioCounters(),
});

function watchHeap(everyMs) {
  if (typeof globalThis.gc !== 'function') throw new Error('--heap-watch-s needs node --expose-gc');
  const started = Date.now();
  const statusMb = (field) => Math.round(Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024);
  const mb = (bytes) => Math.round(bytes / 2 ** 20);
  return setInterval(() => {
    const rss = statusMb('VmRSS');
    globalThis.gc();
    const { heapUsed, heapTotal, external } = process.memoryUsage();
    process.stderr.write(`heap-watch t=${Math.round((Date.now() - started) / 1000)}s live=${mb(heapUsed)}MB committed=${mb(heapTotal)}MB external=${mb(external)}MB rss=${rss}MB hwm=${statusMb('VmHWM')}MB\n`);
  }, everyMs);
}
