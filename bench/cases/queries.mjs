// Queries on the read models of a large ledger (already rebuilt): one employer's arrears with its trace,
// a province's totals for a year, the province's plan progress (and, with `--worklist 1`, its arrears
// worklist's first page), each called many times. The query methods may answer a value or a promise;
// both are awaited.
import { activeEmployers } from '../lib/collections.mjs';
import { argsOf, latencies, percentile, report } from '../lib/measure.mjs';
import { configFor, SocaiRuntime } from '../lib/socai.mjs';

const args = argsOf();
const calls = Number(args.calls ?? 200);
const province = args.province ?? '45';
const employers = activeEmployers(`${args.dir}/events.sqlite`);
const runtime = SocaiRuntime.open(configFor(args.dir));
const queries = runtime.readModels.queries;
// Generated runs of up to 24 months end in December 2024, with the year's plans assigned in January;
// a file cut short (`bench --scale --sizes 5M:N`) ends earlier: `--year 2023 --as-of 2023-07-31`.
const year = Number(args.year ?? 2024);
const asOf = args['as-of'] ?? `${year}-12-31`;

const figures = (samples) => ({ calls: samples.length, p50Ms: percentile(samples, 50), p99Ms: percentile(samples, 99), maxMs: Math.max(...samples) });
// A server answers for days: the percentiles are a warmed process's. The first calls (the JIT
// compiling the arrears law, the statements being prepared) are measured on their own, on employers the
// timed calls do not ask for (docs/decisions.md, 'query percentiles of a warmed process').
const WARM_UP_CALLS = 50;
const warmUp = await latencies(WARM_UP_CALLS, async (i) => {
  await queries.employerArrears(employers[(employers.length - 1 - i * 13) % employers.length].unitCode, asOf);
});
// Employers spread over the whole list, so the page cache does not serve one employer's rows every time.
const arrears = await latencies(calls, async (i) => {
  if (!await queries.employerArrears(employers[(i * 7919) % employers.length].unitCode, asOf)) throw new Error('no arrears');
});
const totals = await latencies(Math.max(20, calls / 10), async () => {
  if (!await queries.areaTotals(province, `${year}-01-01`, asOf)) throw new Error('no totals');
});
// `--plan 0`: a province with no plan of its own (44 took 45's days over, not its 2024 plan).
const progress = args.plan === '0' ? [] : await latencies(Math.max(20, calls / 10), async () => {
  if (!await queries.planProgress(year, province, asOf)) throw new Error('no plan');
});
// `--worklist 1` (the scale run, issue 23): the inspectors' arrears worklist of the province, its first
// page as `GET /api/arrears?area=<province>&asOf=<as-of>` asks it (50 employers, largest overdue first).
// Its first call computes every owing employer's headline; the later ones recompute only those whose
// rows changed (arrears/worklist-memo.ts), so the first is reported on its own and the percentiles are
// the warmed calls'.
// CPU of each call beside its wall time: on a shared machine the wall time holds other processes' turns.
let worklistRows;
const worklistCpuMs = [];
const worklistPage = async () => {
  const cpu = process.cpuUsage();
  const page = await queries.arrearsWorklist({ area: province, asOf, limit: 50 });
  const used = process.cpuUsage(cpu);
  worklistCpuMs.push((used.user + used.system) / 1000);
  if (!page?.items) throw new Error('no worklist');
  worklistRows = { items: page.items.length, employersOwing: page.totals.employers };
};
const worklistFirst = args.worklist === '1' ? await latencies(1, worklistPage) : [];
const worklist = args.worklist === '1' ? await latencies(Math.max(20, calls / 10), worklistPage) : [];
const warmedCpuMs = worklistCpuMs.slice(1);
await runtime.close();
report('queries', {
  arrears: { ...figures(arrears), firstCallMs: warmUp[0], warmUpP99Ms: percentile(warmUp, 99) },
  provinceTotals: figures(totals),
  planProgress: progress.length > 0 ? figures(progress) : undefined,
  arrearsWorklist: worklist.length > 0 ? {
    ...figures(worklist), firstCallMs: worklistFirst[0], firstCallCpuMs: worklistCpuMs[0],
    cpuP50Ms: percentile(warmedCpuMs, 50), cpuP99Ms: percentile(warmedCpuMs, 99), ...worklistRows,
  } : undefined,
});
