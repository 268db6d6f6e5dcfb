// `socai import` as bench/cases/import.mjs runs it, printing the live heap every minute (after a forced
// full collection) beside the resident set: what an import's heap limit must hold at a size. Run with
// --expose-gc and the launcher's heap flags:
//   node --expose-gc $(heap flags) bench/cases/import-heap-watch.mjs --dir DIR --file FILE [--every-s 60]
import { readFileSync, rmSync } from 'node:fs';
import { argsOf, cpuSecondsSince, peakRssMb, report, timed } from '../lib/measure.mjs';
import { configFor, importFile, SocaiRuntime } from '../lib/socai.mjs';

if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
const args = argsOf();
const everyMs = Number(args['every-s'] ?? 60) * 1000;
const started = Date.now();
const kib = (field) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
const watch = setInterval(() => {
  const rssMb = Math.round(kib('VmRSS') / 1024);
  globalThis.gc();
  const { heapUsed, heapTotal, external } = process.memoryUsage();
  const mb = (bytes) => Math.round(bytes / 2 ** 20);
  process.stderr.write(`heap-watch t=${Math.round((Date.now() - started) / 1000)}s live=${mb(heapUsed)}MB committed=${mb(heapTotal)}MB external=${mb(external)}MB rss=${rssMb}MB hwm=${Math.round(kib('VmHWM') / 1024)}MB\n`);
}, everyMs);
rmSync(args.dir, { recursive: true, force: true });
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
report('import-heap-watch', {
  lines: summary.lines,
  events: summary.events,
  refused: summary.refused,
  seconds,
  eventsPerSecond: summary.events / seconds,
  cpuSeconds: cpuSecondsSince(cpuBefore),
  peakRssMb: peakRssMb(),
});
