// `socai import` of a generated file into a fresh data directory: validation, decisions, hashing and a
// durable commit per batch, as the CLI does it (same runtime, same importFile).
import { rmSync } from 'node:fs';
import { argsOf, cpuSecondsSince, ioCounters, peakRssMb, report, timed } from '../lib/measure.mjs';
import { configFor, importFile, SocaiRuntime } from '../lib/socai.mjs';

const args = argsOf();
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
