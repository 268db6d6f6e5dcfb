// `npm run bench -- --scale [--sizes 1M,5M,10M] [--scale-budget-min N] [--no-index-costs]`: the scale
// steps of issue 23 only. For each size, on one generated file: `socai import`, `socai rebuild`, the
// queries and what they read, and beside them, on the rows that import stored, the bare reference (an
// integer primary key and UNIQUE (stream_id, revision), nothing else: insert, then scan with JSON.parse),
// socai's own-schema reference, and the bare table plus each random-key index of socai's schema alone;
// then `socai serve`'s start to its first answer on `/health`, and last (it writes to the ledger) single
// commands from 32 callers on a ledger opened cold, beside the raw single-row synchronous=FULL rate.
// Each line is printed as its step ends (a run stopped half-way keeps what it measured); the table of
// ratios at the end, and bench/scale-results.json. Large files live in one scratch folder
// (SOCAI_BENCH_DIR, else a temporary one), one size at a time, deleted as each size ends.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { benchRoot, note, runCase } from './lib/run-case.mjs';
import { markdownRows, scaleTargets, textTable } from './lib/targets.mjs';

/** The generated ledgers: about 1M, 5M and 10M events (the 1M and 5M files of the earlier full runs). */
const SIZES = {
  '1M': { scenario: 'province', seed: 11, employers: 9_000, persons: 60_000 },
  '5M': { scenario: 'province', seed: 13, employers: 45_000, persons: 300_000 },
  '10M': { scenario: 'province', seed: 17, employers: 90_000, persons: 600_000 },
  // Tiny sizes to check the runner itself (`--sizes s1,s2`).
  s1: { scenario: 'province', seed: 11, employers: 60, persons: 300, months: 6 },
  s2: { scenario: 'province', seed: 13, employers: 120, persons: 600, months: 6 },
};
/** The steps a size is run for; the others are dropped one by one when the budget runs short. */
const MANDATORY = ['generate', 'lines', 'import', 'bare', 'rebuild', 'queries45', 'plans45', 'queries44', 'plans44', 'serve', 'cold'];
/** The cold commands' window: at 1M the 9,000 employers' commands may end it sooner. */
const COLD_SECONDS = 10;
/** Disk a size needs at its peak, per event: the file, the store, the read models and one reference. */
const BYTES_PER_EVENT = 4_096;

const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const rate = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'n/a');
const us = (cpuSeconds, events) => (Number.isFinite(cpuSeconds) && events ? (cpuSeconds * 1e6 / events).toFixed(0) : 'n/a');
const pct = (x) => (Number.isFinite(x) ? `${(x * 100).toFixed(0)}%` : 'n/a');

function option(argv, name, fallback) {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
}

function line(text) {
  process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${text} [load ${load()}]\n`);
}

export async function runScale(argv) {
  // `5M:2000000`: the 5M file's first 2,000,000 lines only (a size's regime in less time than the whole file).
  const specs = option(argv, '--sizes', '1M,5M,10M').split(',').map((s) => s.trim());
  const sizes = specs.map((spec) => spec.split(':')[0]);
  const lineLimits = Object.fromEntries(specs.map((spec) => [spec.split(':')[0], Number(spec.split(':')[1] ?? 0)]));
  for (const size of sizes) if (!SIZES[size]) throw new Error(`--sizes: unknown size ${size} (one of ${Object.keys(SIZES).join(', ')})`);
  const budgetSeconds = Number(option(argv, '--scale-budget-min', '120')) * 60;
  const indexCosts = !argv.includes('--no-index-costs');
  // The queries' year and date: the generated files end in December 2024; a cut one earlier (`--as-of 2023-07-31`).
  const asOf = option(argv, '--as-of', '2024-12-31');
  const dates = { year: asOf.slice(0, 4), 'as-of': asOf };
  const work = process.env.SOCAI_BENCH_DIR ?? mkdtempSync(join(tmpdir(), 'socai-scale-'));
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const started = Date.now();
  const elapsed = () => (Date.now() - started) / 1000;
  const results = [];
  line(`scale run: sizes ${sizes.join(', ')}, budget ${budgetSeconds / 60} min, scratch ${work}`);

  let first;
  try {
    for (const size of sizes) {
      const limit = lineLimits[size];
      const r = { size: limit ? `${size} (first ${limit.toLocaleString('en-US')} lines)` : size, steps: {}, skipped: [] };
      results.push(r);
      // What the first size took, scaled by the events, says whether this one fits the budget.
      const factor = first ? (limit ? limit / first.events : SIZE_FACTOR(size, first.key)) : 1;
      r.key = size;
      const estimate = (step) => (first?.steps[step]?.wallSeconds ?? 0) * factor;
      if (first) {
        // The optional steps (the own-schema and index references) are skipped one by one later.
        const total = MANDATORY.reduce((sum, step) => sum + estimate(step), 0);
        if (elapsed() + total > budgetSeconds) {
          r.skipped.push(`the whole size: ${first.key} suggests ≈ ${Math.round(total / 60)} min, ${Math.round((budgetSeconds - elapsed()) / 60)} min left`);
          line(`${size}: skipped (${r.skipped[0]})`);
          continue;
        }
      }
      const free = statfsSync(work).bavail * statfsSync(work).bsize;
      const need = (first ? first.events * factor : limit || 1_000_000 * SIZE_FACTOR(size, '1M')) * BYTES_PER_EVENT;
      if (free < need) {
        r.skipped.push(`the whole size: ${Math.round(free / 2 ** 30)} GB free, ≈ ${Math.round(need / 2 ** 30)} GB needed`);
        line(`${size}: skipped (${r.skipped[0]})`);
        continue;
      }
      const file = join(work, `${size}.ndjson`);
      const dir = join(work, size);
      const store = join(dir, 'events.sqlite');
      const step = async (name, caseName, args, optional = false) => {
        if (optional && first && elapsed() + estimate(name) > budgetSeconds) {
          r.skipped.push(name);
          line(`${size} ${name}: skipped (≈ ${Math.round(estimate(name))} s, budget)`);
          return undefined;
        }
        const loadBefore = load();
        const t0 = Date.now();
        let metrics;
        try {
          metrics = await runCase(caseName, args);
        } catch (error) {
          // Without the store nothing else can run; any other step's failure is noted and the size goes on.
          if (name === 'generate' || name === 'import') throw error;
          r.skipped.push(`${name} failed: ${String(error.message).split('\n')[0]}`);
          line(`${size} ${name}: failed (${r.skipped.at(-1)})`);
          return undefined;
        }
        r.steps[name] = { ...metrics, wallSeconds: (Date.now() - t0) / 1000, loadBefore, loadAfter: load() };
        // Written after every step, so that a run stopped half-way keeps every figure it measured.
        writeFileSync(join(benchRoot, 'bench', 'scale-results.json'), `${JSON.stringify({ partial: true, results }, null, 2)}\n`);
        return metrics;
      };

      const gen = await step('generate', 'generate', { file, options: JSON.stringify(SIZES[size]) });
      line(`${size} generate: ${gen.lines.toLocaleString('en-US')} lines in ${gen.seconds.toFixed(0)} s`);
      if (limit) {
        execFileSync('sh', ['-c', `head -n ${limit} "${file}" > "${file}.part" && mv "${file}.part" "${file}"`]);
        line(`${size}: the file cut to its first ${limit.toLocaleString('en-US')} lines`);
      }
      // Issue 23's own reference, on the file's lines (before the import: the file is deleted after it).
      const lines = (await step('lines', 'lines-reference', { file, dir: work })) ?? {};
      if (lines.lines) line(`${size} lines reference (issue 23's bare table): insert ${rate(lines.insertLinesPerSecond)} lines/s wall, ${us(lines.insertCpuSeconds, lines.lines)} µs CPU/line; scan + JSON.parse ${rate(lines.scanLinesPerSecond)}/s, ${us(lines.scanCpuSeconds, lines.scanLines)} µs CPU/line`);
      const imp = await step('import', 'import', { file, dir });
      r.events = imp.events;
      // The first size imported sizes the budget of the next ones, even if a later step of it fails.
      if (!first) first = r;
      rmSync(file, { force: true });
      line(`${size} import: ${imp.events.toLocaleString('en-US')} events (${imp.refused} refused), ${imp.seconds.toFixed(0)} s, ${rate(imp.eventsPerSecond)} events/s wall (${rate(imp.lines / imp.seconds)} lines/s, ${pct(imp.lines / imp.seconds / lines.insertLinesPerSecond)} of the lines reference), ${us(imp.cpuSeconds, imp.events)} µs CPU/event, peak RSS ${imp.peakRssMb} MB, read ${Math.round(imp.io.rchar / 2 ** 20)} MB, wrote ${Math.round(imp.io.wchar / 2 ** 20)} MB`);
      const bare = (await step('bare', 'scale-reference', { store, dir: work, variant: 'bare', scan: 1 })) ?? {};
      if (bare.events) line(`${size} bare reference: insert ${rate(bare.insertEventsPerSecond)}/s wall, ${us(bare.insertCpuSeconds, bare.events)} µs CPU/row, wrote ${Math.round(bare.io.wchar / 2 ** 20)} MB; scan + JSON.parse ${rate(bare.scanEventsPerSecond)}/s, ${us(bare.scanCpuSeconds, bare.scanEvents)} µs CPU/row; import / bare insert ${pct(imp.eventsPerSecond / bare.insertEventsPerSecond)}`);
      const reb = await step('rebuild', 'rebuild', { dir });
      if (!reb) {
        rmSync(dir, { recursive: true, force: true });
        continue;
      }
      line(`${size} rebuild: ${reb.seconds.toFixed(0)} s, ${rate(reb.eventsPerSecond)} events/s wall, ${us(reb.cpuSeconds, reb.events)} µs CPU/event, peak RSS ${reb.peakRssMb} MB; rebuild / bare scan ${pct(reb.eventsPerSecond / bare.scanEventsPerSecond)}, / lines scan ${pct(reb.eventsPerSecond / lines.scanLinesPerSecond)}`);
      // 45 was abolished on 2025-07-01 (into 44, issue 28): asked about 2024 it counts persons from the
      // facts; 44, the current province, answers the same days from the summaries.
      for (const province of ['45', '44']) {
        const q = await step(`queries${province}`, 'queries', { dir, calls: 200, province, plan: province === '45' ? 1 : 0, worklist: 1, ...dates });
        const plans = q && (await step(`plans${province}`, 'query-plans', { dir, province, ...dates }));
        if (!plans) continue;
        const plan = q.planProgress ? `, plan progress ${q.planProgress.p50Ms.toFixed(1)}/${q.planProgress.p99Ms.toFixed(1)}` : '';
        const worklist = q.arrearsWorklist ? `, arrears worklist (first page) ${q.arrearsWorklist.p50Ms.toFixed(1)}/${q.arrearsWorklist.p99Ms.toFixed(1)} (${q.arrearsWorklist.employersOwing} employers owing)` : '';
        line(`${size} queries p50/p99 ms, province ${province}: arrears ${q.arrears.p50Ms.toFixed(1)}/${q.arrears.p99Ms.toFixed(1)}, province totals ${q.provinceTotals.p50Ms.toFixed(1)}/${q.provinceTotals.p99Ms.toFixed(1)}${plan}${worklist}`);
        for (const [name, p] of Object.entries(plans)) {
          const pages = p.statements.reduce((sum, s) => sum + s.coldPagesRead, 0);
          line(`${size} ${name} (${province}) reads: ${p.statements.length} statements, cold ${p.coldMs.toFixed(1)} ms (${pages.toLocaleString('en-US')} pages read), warm ${p.warmMs.toFixed(1)} ms`);
        }
      }
      const serve = await step('serve', 'serve-start', { dir });
      if (serve) line(`${size} socai serve: first 200 on /health ${serve.healthMs.toFixed(0)} ms after the spawn, on /health/ready ${serve.readyMs.toFixed(0)} ms (warm-up after listening: ${serve.warmedStreams} streams in ${serve.warmUpMs} ms)`);
      const own = await step('own', 'scale-reference', { store, dir: work, variant: 'own' }, true);
      if (own) line(`${size} own-schema reference: insert ${rate(own.insertEventsPerSecond)}/s wall, ${us(own.insertCpuSeconds, own.events)} µs CPU/row, wrote ${Math.round(own.io.wchar / 2 ** 20)} MB`);
      if (indexCosts) {
        for (const variant of ['event-id', 'command-keys']) {
          const v = await step(variant, 'scale-reference', { store, dir: work, variant }, true);
          if (v) line(`${size} bare + ${variant}: insert ${rate(v.insertEventsPerSecond)}/s wall, ${us(v.insertCpuSeconds, v.events)} µs CPU/row (bare ${us(bare.insertCpuSeconds, bare.events)}), wrote ${Math.round(v.io.wchar / 2 ** 20)} MB (bare ${Math.round(bare.io.wchar / 2 ** 20)} MB), file ${Math.round(v.fileBytes / 2 ** 20)} MB (bare ${Math.round(bare.fileBytes / 2 ** 20)} MB)`);
        }
      }
      // Last: it records new commands in the ledger, which every step above measured as imported.
      const cold = await step('cold', 'ledger-commands', { dir, seconds: COLD_SECONDS, callers: 32, cold: 1, commands: 'new-month' });
      if (cold) line(`${size} cold single commands (${cold.commands}, 32 callers, nothing warmed): ${cold.created.toLocaleString('en-US')} created, ${cold.refused} refused${cold.refused ? ` (${Object.entries(cold.refusals).map(([code, x]) => `${code} × ${x.count}: ${x.first}`).join('; ')})` : ''}, ${rate(cold.commandsPerSecond)}/s in ${cold.seconds.toFixed(1)} s (first command ${cold.firstCommandMs?.toFixed(0)} ms), p50/p99 ${cold.p50Ms.toFixed(1)}/${cold.p99Ms.toFixed(1)} ms, ${cold.cpuMicrosPerCommand?.toFixed(0) ?? "n/a"} µs CPU/command, peak RSS ${cold.peakRssMb} MB; raw single-row FULL ${rate(cold.rawSingleRowPerSecond)}/s (before ${rate(cold.rawBefore)}, after ${rate(cold.rawAfter)}); cold / raw ${cold.ratioToRaw.toFixed(2)}×`);
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    // Even when a step fails: the scratch folder holds gigabytes.
    rmSync(work, { recursive: true, force: true });
  }

  const commit = (() => {
    try {
      return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: benchRoot, encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  })();
  const cpuModel = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model;
  const machine = { cpus: cpus().length, cpuModel, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version };
  const targets = scaleTargets(results);
  writeFileSync(join(benchRoot, 'bench', 'scale-results.json'), `${JSON.stringify({ date: new Date().toISOString(), commit, machine, seconds: elapsed(), results, targets }, null, 2)}\n`);
  process.stdout.write(`\nsocai scale (issue 23) — commit ${commit}, ${machine.cpus} × ${cpuModel}, ${machine.memoryGb} GB, node ${machine.node}; ${Math.round(elapsed() / 60)} min\n\n`);
  process.stdout.write(`${scaleTable(results)}\n\nissue 23's targets:\n\n${textTable(targets)}\n\nmarkdown rows:\n\n${markdownRows(targets)}\n\nwrote bench/scale-results.json\n`);
}

function SIZE_FACTOR(size, base) {
  const events = (s) => SIZES[s].employers + SIZES[s].persons;
  return events(size) / events(base);
}

/** The figures of each size as markdown: rates wall and CPU, and the ratios issue 23 asks for. */
export function scaleTable(results) {
  const base = results.find((r) => r.steps.import);
  const rows = [
    '| size | events | import /s (CPU µs/ev) | RSS | bare insert /s (CPU µs) | import / bare | own-schema insert /s | bare + event_id /s | bare + command_keys /s | rebuild /s (CPU µs/ev) | RSS | bare scan /s | rebuild / scan | import / 1M | rebuild / 1M | totals p99 (45 / 44) | plan p99 (45 / 44) | arrears p99 | worklist p99 (45 / 44) | /health (ready) | cold commands /s (refused) | raw single FULL /s | cold / raw | load |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const r of results) {
    const s = r.steps;
    if (!s.import) {
      rows.push(`| ${r.size} | skipped: ${r.skipped.join('; ')} |`);
      continue;
    }
    const ins = (v) => (v ? `${rate(v.insertEventsPerSecond)} (${us(v.insertCpuSeconds, v.events)})` : 'skipped');
    const p99 = (x) => (x ? `${x.p99Ms.toFixed(1)} ms` : 'n/a');
    rows.push([
      r.size, r.events.toLocaleString('en-US'),
      `${rate(s.import.eventsPerSecond)} (${us(s.import.cpuSeconds, s.import.events)})`, `${s.import.peakRssMb} MB`,
      ins(s.bare), pct(s.import.eventsPerSecond / s.bare?.insertEventsPerSecond),
      ins(s.own), ins(s['event-id']), ins(s['command-keys']),
      s.rebuild ? `${rate(s.rebuild.eventsPerSecond)} (${us(s.rebuild.cpuSeconds, s.rebuild.events)})` : 'n/a', s.rebuild ? `${s.rebuild.peakRssMb} MB` : 'n/a',
      s.bare ? rate(s.bare.scanEventsPerSecond) : 'n/a', pct(s.rebuild?.eventsPerSecond / s.bare?.scanEventsPerSecond),
      pct(s.import.eventsPerSecond / base.steps.import.eventsPerSecond), pct(s.rebuild?.eventsPerSecond / base.steps.rebuild?.eventsPerSecond),
      `${p99(s.queries45?.provinceTotals)} / ${p99(s.queries44?.provinceTotals)}`, `${p99(s.queries45?.planProgress)} / ${p99(s.queries44?.planProgress)}`, p99(s.queries44?.arrears),
      `${p99(s.queries45?.arrearsWorklist)} / ${p99(s.queries44?.arrearsWorklist)}`,
      s.serve ? `${s.serve.healthMs.toFixed(0)} ms (${s.serve.readyMs.toFixed(0)} ms)` : 'n/a',
      s.cold ? `${rate(s.cold.commandsPerSecond)} (${s.cold.refused})` : 'n/a', s.cold ? rate(s.cold.rawSingleRowPerSecond) : 'n/a', s.cold ? `${s.cold.ratioToRaw.toFixed(2)}×` : 'n/a',
      `${s.import.loadBefore} → ${s.import.loadAfter}`,
    ].join(' | ').replace(/^/, '| ').replace(/$/, ' |'));
  }
  return rows.join('\n');
}
