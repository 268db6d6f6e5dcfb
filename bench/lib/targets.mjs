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

/**
 * The targets of issue 23 for the sizes of one scale run (bench/scale.mjs), each from the run's own
 * figures: the ratios to the 1M size (or the first size run) and to the bare references, peak RSS,
 * the cold start's commands against the raw single-row rate measured beside them, `/health` after a
 * start, and the query latencies (the issue sets these for the 10M ledger; they are judged at every size).
 */
export function scaleTargets(results) {
  const rows = [];
  const measured = results.filter((r) => r.steps.import);
  // The base is the 1M size in full: without it in the run, the ratios to it are not judged.
  const base = measured.find((r) => r.size === '1M');
  const push = (r, benchmark, socai, reference, ratio, target, pass) => {
    rows.push({ benchmark: `${r.size}: ${benchmark}`, socai, reference, ratio, target, verdict: pass === undefined ? 'n/a' : pass ? 'PASS' : 'MISS' });
  };
  const judged = (value, test) => (Number.isFinite(value) ? test(value) : undefined);
  for (const r of measured) {
    const s = r.steps;
    if (r !== base) {
      for (const step of ['import', 'rebuild']) {
        if (!base) {
          push(r, `${step} vs 1M`, rate(s[step]?.eventsPerSecond), 'no 1M in this run', 'n/a', '≥ 80%', undefined);
          continue;
        }
        const ratio = s[step]?.eventsPerSecond / base.steps[step]?.eventsPerSecond;
        push(r, `${step} vs ${base.size}`, rate(s[step]?.eventsPerSecond), rate(base.steps[step]?.eventsPerSecond), Number.isFinite(ratio) ? pct(ratio) : 'n/a', '≥ 80%', judged(ratio, (x) => x >= 0.8));
      }
    }
    const peak = Math.max(...['import', 'rebuild', 'cold'].map((k) => s[k]?.peakRssMb).filter(Number.isFinite));
    push(r, 'peak RSS (import, rebuild, cold commands)', Number.isFinite(peak) ? mb(peak) : 'n/a', '', '', '≤ 512 MB', judged(peak, (x) => x <= 512));
    // Issue 23's ratios are to its bare table taking the file's lines (lines-reference.mjs), lines to lines.
    const importLines = s.import.lines / s.import.seconds;
    const linesRatio = importLines / s.lines?.insertLinesPerSecond;
    push(r, 'import lines/s vs the lines reference\'s insert (issue 23\'s bare table)', rate(importLines), rate(s.lines?.insertLinesPerSecond), Number.isFinite(linesRatio) ? times(linesRatio) : 'n/a', '≥ 0.20×', judged(linesRatio, (x) => x >= 0.2));
    const scanRatio = s.rebuild?.eventsPerSecond / s.lines?.scanLinesPerSecond;
    push(r, 'rebuild vs the lines reference\'s scan + JSON.parse', rate(s.rebuild?.eventsPerSecond), rate(s.lines?.scanLinesPerSecond), Number.isFinite(scanRatio) ? times(scanRatio) : 'n/a', '≥ 0.15×', judged(scanRatio, (x) => x >= 0.15));
    const importRatio = s.import.eventsPerSecond / s.bare?.insertEventsPerSecond;
    push(r, 'import vs bare insert of the stored rows', rate(s.import.eventsPerSecond), rate(s.bare?.insertEventsPerSecond), Number.isFinite(importRatio) ? times(importRatio) : 'n/a', 'shown beside', undefined);
    const rebuildRatio = s.rebuild?.eventsPerSecond / s.bare?.scanEventsPerSecond;
    push(r, 'rebuild vs bare scan of the stored rows + JSON.parse', rate(s.rebuild?.eventsPerSecond), rate(s.bare?.scanEventsPerSecond), Number.isFinite(rebuildRatio) ? times(rebuildRatio) : 'n/a', 'shown beside', undefined);
    if (s.cold) {
      const refused = s.cold.refused ? `, ${s.cold.refused} refused` : '';
      push(r, `cold single commands, ${s.cold.callers} callers (${s.cold.created} created${refused}) vs raw single-row FULL`, rate(s.cold.commandsPerSecond), rate(s.cold.rawSingleRowPerSecond), times(s.cold.ratioToRaw), '≥ 1×', judged(s.cold.ratioToRaw, (x) => x >= 1));
    } else {
      push(r, 'cold single commands vs raw single-row FULL', 'n/a', '', '', '≥ 1×', undefined);
    }
    push(r, '`socai serve` start → first 200 on /health', s.serve ? ms(s.serve.healthMs) : 'n/a', s.serve ? `ready ${ms(s.serve.readyMs)}` : '', '', '≤ 2,000 ms', judged(s.serve?.healthMs, (x) => x <= 2000));
    const arrears = Math.max(...['queries45', 'queries44'].map((k) => s[k]?.arrears?.p99Ms).filter(Number.isFinite));
    push(r, 'one employer\'s arrears p99 (worse of the 45 and 44 runs)', ms(arrears), '', '', '≤ 5 ms (10M)', judged(arrears, (x) => x <= 5));
    for (const province of ['45', '44']) {
      const q = s[`queries${province}`];
      if (!q) continue;
      push(r, `province ${province} totals p99`, ms(q.provinceTotals?.p99Ms), '', '', '≤ 50 ms (10M)', judged(q.provinceTotals?.p99Ms, (x) => x <= 50));
      if (q.planProgress) push(r, `province ${province} plan progress p99`, ms(q.planProgress.p99Ms), '', '', '≤ 50 ms (10M)', judged(q.planProgress.p99Ms, (x) => x <= 50));
      push(r, `province ${province} arrears worklist, first page, p99`, ms(q.arrearsWorklist?.p99Ms), '', '', '≤ 100 ms (10M)', judged(q.arrearsWorklist?.p99Ms, (x) => x <= 100));
    }
  }
  return rows;
}
