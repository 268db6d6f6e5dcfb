// Runs every benchmark of socai, each case in a child process of its own (so each peak RSS is its own),
// on the compiled code in dist/. `node bench/run.mjs [--quick]`; `npm run bench` builds first.
// Prints a table with each target of issue 8 and PASS/MISS (a miss never fails the run), writes
// bench/results.json and prints the markdown rows for docs/benchmarks.md.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { note, runCase } from './lib/run-case.mjs';
import { evaluate, markdownRows, textTable } from './lib/targets.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// `--scale`: only the scale steps of issue 23 (1M/5M/10M events, `--sizes 1M,5M`), with their own budget.
if (process.argv.includes('--scale')) {
  const { runScale } = await import('./scale.mjs');
  await runScale(process.argv.slice(2));
  process.exit(0);
}
const quick = process.argv.includes('--quick');
// `--smoke`: the full run's every step (scale included) on tiny files, to check the runner itself.
const smoke = process.argv.includes('--smoke');
const work = process.env.SOCAI_BENCH_DIR ?? join(tmpdir(), 'socai-bench');

/** What each mode runs: the quick one is about a minute on an idle machine, the full one much longer. */
const PLAN = smoke
  ? {
      base: { scenario: 'demo', seed: 7 }, emmettEvents: 500, emmettSingles: 20, seconds: 1, calls: 20,
      scale: [
        { key: 'scale', options: { scenario: 'province', seed: 11, employers: 60, persons: 300, months: 6 } },
        { key: 'scale5m', options: { scenario: 'province', seed: 13, employers: 120, persons: 600, months: 6 }, factor: 2 },
      ],
    }
  : quick
  ? { base: { scenario: 'province', seed: 7, employers: 150, persons: 1000 }, emmettEvents: 3_000, emmettSingles: 100, seconds: 3, calls: 200, scale: [] }
  : {
      base: { scenario: 'province', seed: 7 },
      emmettEvents: 50_000,
      emmettSingles: 500,
      seconds: 10,
      calls: 1_000,
      // About 1M and 5M events; the 5M run only if the 1M one suggests it ends within SCALE_BUDGET_S.
      scale: [
        { key: 'scale', options: { scenario: 'province', seed: 11, employers: 9_000, persons: 60_000 } },
        { key: 'scale5m', options: { scenario: 'province', seed: 13, employers: 45_000, persons: 300_000 }, factor: 5 },
      ],
    };
// `--scale-budget-min N` changes the budget (0 skips the 5M step, for a run that must end sooner).
const budgetArg = process.argv.indexOf('--scale-budget-min');
const SCALE_BUDGET_S = (budgetArg > 0 ? Number(process.argv[budgetArg + 1]) : 30) * 60;

function copy(from, to) {
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
}

const started = Date.now();
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const m = {};

// The province-sized file, imported by `socai import`, then every other benchmark on the same events.
const baseFile = join(work, 'base.ndjson');
const baseDir = join(work, 'base');
m.generate = await runCase('generate', { file: baseFile, options: JSON.stringify(PLAN.base) });
m.import = await runCase('import', { file: baseFile, dir: baseDir });
m.rebuild = await runCase('rebuild', { dir: baseDir });
m.verify = await runCase('verify', { dir: baseDir });
if (m.verify.skipped) note(`verify skipped: ${m.verify.skipped}`);
m.raw = await runCase('raw-sqlite', { store: join(baseDir, 'events.sqlite'), dir: work });
// Emmett appends too slowly to take the whole file in the time: it gets the file's first events.
const emmettStore = join(work, 'emmett-source.sqlite');
execFileSync(process.execPath, ['-e', `
  const D = require('better-sqlite3'); const src = new D(${JSON.stringify(join(baseDir, 'events.sqlite'))}, { readonly: true });
  src.prepare('VACUUM INTO ?').run(${JSON.stringify(emmettStore)}); src.close();
  const db = new D(${JSON.stringify(emmettStore)}); db.prepare('DELETE FROM command_keys').run(); db.prepare('DELETE FROM events WHERE position > ?').run(${PLAN.emmettEvents}); db.close();`], { cwd: root });
m.emmett = await runCase('emmett', { store: emmettStore, dir: work, singles: PLAN.emmettSingles });
copy(baseDir, join(work, 'commands'));
m.commands = await runCase('ledger-commands', { dir: join(work, 'commands'), seconds: PLAN.seconds, callers: 32 });
copy(baseDir, join(work, 'http'));
m.http = await runCase('http', { dir: join(work, 'http'), seconds: PLAN.seconds, connections: 32 });

// Scale: import and rebuild of ~1M (and maybe ~5M) events; the queries run on the largest ledger built.
let largest = { dir: baseDir, events: m.import.events };
for (const step of PLAN.scale) {
  if (step.factor) {
    const estimate = ((m.scaleImport.seconds + m.scaleRebuild.seconds) * step.factor) + (m.scaleGenerate.seconds * step.factor);
    if (estimate > SCALE_BUDGET_S) {
      note(`${step.key}: skipped, the 1M run suggests about ${Math.round(estimate / 60)} min (budget ${SCALE_BUDGET_S / 60} min)`);
      m[`${step.key}Skipped`] = `estimated ${Math.round(estimate / 60)} min`;
      continue;
    }
  }
  const file = join(work, `${step.key}.ndjson`);
  const dir = join(work, step.key);
  m[`${step.key}Generate`] = await runCase('generate', { file, options: JSON.stringify(step.options) });
  m[`${step.key}Import`] = await runCase('import', { file, dir });
  rmSync(file, { force: true });
  m[`${step.key}Rebuild`] = await runCase('rebuild', { dir });
  largest = { dir, events: m[`${step.key}Import`].events };
}
if (PLAN.scale.length === 0) note('scale (1M/5M events) skipped with --quick; queries run on the quick ledger');
m.queries = { events: largest.events, ...(await runCase('queries', { dir: largest.dir, calls: PLAN.calls })) };

const rows = evaluate(m);
const commit = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
})();
const cpuModel = (() => {
  try {
    return /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model;
  } catch {
    return cpus()[0]?.model;
  }
})();
const machine = { cpus: cpus().length, cpuModel, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform };
const results = { date: new Date().toISOString(), commit, quick, smoke, machine, seconds: (Date.now() - started) / 1000, metrics: m, rows };
writeFileSync(join(root, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

process.stdout.write(`\nsocai benchmarks (${smoke ? 'smoke' : quick ? 'quick' : 'full'}) — commit ${commit}, ${machine.cpus} × ${cpuModel}, ${machine.memoryGb} GB, node ${machine.node}\n`);
process.stdout.write(`base file: ${m.generate.lines.toLocaleString('en-US')} lines → ${m.import.events.toLocaleString('en-US')} events; total ${Math.round(results.seconds)} s\n\n`);
process.stdout.write(`${textTable(rows)}\n\n`);
process.stdout.write(`markdown rows for docs/benchmarks.md:\n\n${markdownRows(rows)}\n\nwrote bench/results.json\n`);
rmSync(work, { recursive: true, force: true });
