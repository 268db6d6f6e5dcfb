// The targets of issue 8, each computed from the run's own figures. A miss is reported, never thrown.

const pct = (x) => `${(x * 100).toFixed(0)}%`;
const times = (x) => `${x.toFixed(2)}×`;
const rate = (x) => (Number.isFinite(x) ? `${Math.round(x).toLocaleString('en-US')}/s` : 'n/a');
const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : 'n/a');
const mb = (x) => `${x} MB`;

/** Rows of `{benchmark, socai, reference, ratio, target, verdict}` for the figures of one run. */
export function evaluate(m) {
  const rows = [];
  const ratioRow = (benchmark, socai, reference, minimum, targetText, format = times) => {
    const ratio = socai / reference;
    rows.push({ benchmark, socai: rate(socai), reference: rate(reference), ratio: format(ratio), target: targetText, verdict: ratio >= minimum ? 'PASS' : 'MISS' });
  };
  const limitRow = (benchmark, value, limit, targetText, format, reference = '') => {
    rows.push({ benchmark, socai: format(value), reference, ratio: '', target: targetText, verdict: value <= limit ? 'PASS' : 'MISS' });
  };
  const floorRow = (benchmark, value, floor, targetText) => {
    rows.push({ benchmark, socai: rate(value), reference: '', ratio: '', target: targetText, verdict: value >= floor ? 'PASS' : 'MISS' });
  };

  if (m.import && m.raw) ratioRow('import (events/s) vs raw batched insert', m.import.eventsPerSecond, m.raw.batchedEventsPerSecond, 0.5, '≥ 50%', pct);
  if (m.import && m.emmett) ratioRow('import (events/s) vs Emmett batched', m.import.eventsPerSecond, m.emmett.batchedEventsPerSecond, 3, '≥ 3×');
  if (m.commands) ratioRow(`single commands, ${m.commands.callers} callers vs raw single-row FULL`, m.commands.commandsPerSecond, m.commands.rawSingleRowPerSecond, 1, '≥ 1×');
  if (m.commands && m.emmett) ratioRow('single commands vs Emmett single appends', m.commands.commandsPerSecond, m.emmett.singleAppendsPerSecond, 10, '≥ 10×');
  if (m.http) {
    ratioRow(`HTTP POST /api/collections (req/s) vs bare Nest route, ${m.http.connections} conn.`, m.http.socai.requestsPerSecond, m.http.bare.requestsPerSecond, 0.4, '≥ 40%', pct);
    rows.push({ benchmark: 'raw single-row FULL commits, just before the socai HTTP run', socai: '', reference: rate(m.http.rawSingleRowPerSecond), ratio: '', target: 'context', verdict: 'info' });
    limitRow('HTTP command p99 latency', m.http.socai.p99Ms, 50, '≤ 50 ms', ms, `bare ${ms(m.http.bare.p99Ms)}`);
  }
  if (m.rebuild && m.raw) ratioRow('rebuild (events/s) vs raw scan + JSON.parse', m.rebuild.eventsPerSecond, m.raw.scanEventsPerSecond, 0.4, '≥ 40%', pct);
  if (m.verify && !m.verify.skipped) floorRow('verify (events/s)', m.verify.eventsPerSecond, 200_000, '≥ 200,000/s');
  if (m.queries) {
    limitRow(`employer arrears p99 (${m.queries.events.toLocaleString('en-US')} events)`, m.queries.arrears.p99Ms, 5, '≤ 5 ms', ms);
    limitRow('province totals p99', m.queries.provinceTotals.p99Ms, 50, '≤ 50 ms', ms);
    limitRow('plan progress p99', m.queries.planProgress.p99Ms, 50, '≤ 50 ms', ms);
  }
  const peaks = [m.import, m.rebuild, m.verify, m.scaleImport, m.scaleRebuild, m.scale5mImport, m.scale5mRebuild].filter((x) => x && x.peakRssMb);
  if (peaks.length > 0) {
    const peak = Math.max(...peaks.map((x) => x.peakRssMb));
    limitRow('peak RSS (import, rebuild, verify, scale)', peak, 512, '≤ 512 MB', mb);
  }
  for (const [key, label] of [['scaleImport', 'scale import'], ['scaleRebuild', 'scale rebuild'], ['scale5mImport', 'scale import 5M'], ['scale5mRebuild', 'scale rebuild 5M']]) {
    const x = m[key];
    if (x) rows.push({ benchmark: `${label} (${x.events.toLocaleString('en-US')} events)`, socai: rate(x.eventsPerSecond), reference: '', ratio: '', target: `RSS ${mb(x.peakRssMb)}`, verdict: 'info' });
  }
  return rows;
}

/** Plain-text table for the terminal. */
export function textTable(rows) {
  const columns = ['benchmark', 'socai', 'reference', 'ratio', 'target', 'verdict'];
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (r) => columns.map((c, i) => String(r[c]).padEnd(widths[i])).join('  ');
  return [line(Object.fromEntries(columns.map((c) => [c, c]))), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The same rows as markdown, for docs/benchmarks.md. */
export function markdownRows(rows) {
  return [
    '| benchmark | socai | reference | ratio | target | result |',
    '|---|---:|---:|---:|---|---|',
    ...rows.map((r) => `| ${r.benchmark} | ${r.socai} | ${r.reference} | ${r.ratio} | ${r.target} | ${r.verdict} |`),
  ].join('\n');
}
