// What a province's totals, plan progress and arrears worklist (first page) and one employer's arrears
// read on a large ledger (issue 23): every SQL statement each query runs, with its parameters, its
// time, the bytes SQLite read from the file for it (`rchar` of /proc/self/io: the read models'
// connection has no mmap, so each page it misses in its own cache is one read system call) and its
// `EXPLAIN QUERY PLAN`. Each query runs twice: the first call on a connection just opened (every page
// it touches is read), the second warm.
import Database from 'better-sqlite3';
import { activeEmployers } from '../lib/collections.mjs';
import { argsOf, ioCounters, report } from '../lib/measure.mjs';
import { configFor, SocaiRuntime } from '../lib/socai.mjs';

const args = argsOf();
const province = args.province ?? '45';
const year = Number(args.year ?? 2024);
const asOf = args['as-of'] ?? `${year}-12-31`;

// Record the statements of the read models' connection while `recording` is set.
let recording;
const probe = new Database(':memory:');
const Statement = Object.getPrototypeOf(probe.prepare('SELECT 1'));
probe.close();
for (const method of ['all', 'get', 'run', 'iterate']) {
  const original = Statement[method];
  Statement[method] = function recorded(...params) {
    if (!recording) return original.apply(this, params);
    const before = ioCounters().rchar;
    const started = process.hrtime.bigint();
    let result = original.apply(this, params);
    if (method === 'iterate') result = [...result];
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    recording.push({ sql: this.source, database: this.database, params, ms, bytesRead: ioCounters().rchar - before, rows: Array.isArray(result) ? result.length : result ? 1 : 0 });
    return method === 'iterate' ? result[Symbol.iterator]() : result;
  };
}

const employers = activeEmployers(`${args.dir}/events.sqlite`);
const runtime = SocaiRuntime.open(configFor(args.dir));
const queries = runtime.readModels.queries;
const calls = {
  provinceTotals: () => queries.areaTotals(province, `${year}-01-01`, asOf),
  planProgress: () => queries.planProgress(year, province, asOf),
  employerArrears: () => queries.employerArrears(employers[0].unitCode, asOf),
  arrearsWorklist: () => queries.arrearsWorklist({ area: province, asOf, limit: 50 }),
};
const out = {};
for (const [name, call] of Object.entries(calls)) {
  const runs = [];
  for (const label of ['cold', 'warm']) {
    recording = [];
    const started = process.hrtime.bigint();
    await call();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    runs.push({ label, ms, statements: recording });
    recording = undefined;
  }
  const statements = runs[0].statements.map((s, i) => ({
    sql: s.sql.replace(/\s+/g, ' ').trim(),
    params: s.params,
    rows: s.rows,
    coldMs: s.ms,
    warmMs: runs[1].statements[i]?.ms,
    coldPagesRead: Math.round(s.bytesRead / 4096),
    plan: s.database.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...s.params).map((r) => `${r.parent}:${r.id} ${r.detail}`),
  }));
  out[name] = { coldMs: runs[0].ms, warmMs: runs[1].ms, statements };
  process.stderr.write(`\n== ${name}: cold ${runs[0].ms.toFixed(1)} ms, warm ${runs[1].ms.toFixed(1)} ms\n`);
  for (const s of statements) {
    process.stderr.write(`-- ${s.coldMs.toFixed(1)} / ${s.warmMs?.toFixed(1)} ms, ${s.coldPagesRead} pages read cold, ${s.rows} rows: ${s.sql.slice(0, 300)}\n   params ${JSON.stringify(s.params)}\n`);
    for (const line of s.plan) process.stderr.write(`   ${line}\n`);
  }
}
await runtime.close();
report('query-plans', out);
