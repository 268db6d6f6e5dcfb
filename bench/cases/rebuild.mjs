// `socai rebuild`: drop every read model and replay the whole log through the projector. Its reference
// is the raw scan with JSON.parse (cases/raw-sqlite.mjs) of the same events.
import { argsOf, cpuSecondsSince, ioCounters, peakRssMb, report, timed } from '../lib/measure.mjs';
import { configFor, SocaiRuntime } from '../lib/socai.mjs';

const args = argsOf();
const cpuBefore = process.cpuUsage();
const runtime = SocaiRuntime.open(configFor(args.dir));
const { result: applied, seconds } = await timed(() => runtime.readModels.projector.rebuild(runtime.store));
await runtime.close();
report('rebuild', { events: applied, seconds, eventsPerSecond: applied / seconds, cpuSeconds: cpuSecondsSince(cpuBefore), peakRssMb: peakRssMb(), io: ioCounters() });
