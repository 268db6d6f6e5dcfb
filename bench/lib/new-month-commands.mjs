// Commands for the month after a generated ledger's last assessed one, one per active employer, in an
// order spread over the whole list: each command is its stream's first since the ledger was opened,
// so a ledger started cold reads every one of those streams' states (issue 23, "cold is not slow").
import Database from 'better-sqlite3';
import { activeEmployers, collectionBody } from './collections.mjs';

/** The month after `period` ('2024-12' → '2025-01'). */
export function monthAfter(period) {
  const [year, month] = period.split('-').map(Number);
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}

const gcd = (a, b) => (b === 0 ? a : gcd(b, a % b));

/**
 * Indexes 0..n-1 in a stride order: neighbours in the list (registered together, so stored together)
 * are far apart in time, as a month's traffic is.
 */
export function spreadOrder(n) {
  let stride = 7919;
  while (n > 1 && gcd(stride, n) !== 1) stride++;
  return Array.from({ length: n }, (_, i) => (i * stride) % n);
}

/**
 * Half assessments of the new month (the employer's last assessed headcount and payroll again),
 * half collections dated the 15th of that month, alternating; an employer never assessed gets a
 * collection. Answers `{ month, commands }`, each command `{ command, data }` as the ledger takes it.
 */
export function newMonthCommands(storeFile, run) {
  const employers = activeEmployers(storeFile);
  const db = new Database(storeFile, { readonly: true });
  try {
    // The last assessment by position (events_by_type): its period is the generated file's last month.
    const last = db.prepare(`SELECT data FROM events WHERE type = 'ContributionAssessed' ORDER BY position DESC LIMIT 1`).pluck().get();
    const month = monthAfter(last ? JSON.parse(last).period : '2024-12');
    // An employer's stream is `employer-<unitCode>` (libs/domain events.ts `streams.employer`).
    const lastAssessment = db.prepare(`SELECT data FROM events WHERE stream_id = ? AND type = 'ContributionAssessed' ORDER BY revision DESC LIMIT 1`).pluck();
    const commands = spreadOrder(employers.length).map((k, i) => {
      const employer = employers[k];
      const assessed = i % 2 === 0 ? lastAssessment.get(`employer-${employer.unitCode}`) : undefined;
      if (!assessed) {
        return { command: 'CollectContribution', data: { ...collectionBody(employer, `COLD-${run}-${i}`), collectedOn: `${month}-15` } };
      }
      const previous = JSON.parse(assessed);
      const data = { unitCode: employer.unitCode, period: month, headcount: previous.headcount, payroll: previous.payroll, assessedOn: `${month}-01` };
      if (previous.unemploymentPayroll) data.unemploymentPayroll = previous.unemploymentPayroll;
      return { command: 'AssessContribution', data };
    });
    return { month, commands };
  } finally {
    db.close();
  }
}
