import type Database from 'better-sqlite3';
import type { AreaScope } from './area-scope.js';
import type { AssessmentFact, EmployerFacts, PaymentFact, ReversalFact, StatusFact } from './arrears.calculation.js';

interface EmployerRow { unit_code: string; name: string; area_code: string }

const ASSESSMENT_COLUMNS = `a.unit_code AS unitCode, a.event_id AS eventId, a.position, a.recorded_at AS recordedAt,
  a.reversed_on AS reversedOn, a.period, a.due, a.health, a.due_date AS dueDate, a.assessed_on AS assessedOn`;
const PAYMENT_COLUMNS = `c.unit_code AS unitCode, c.event_id AS eventId, c.position, c.recorded_at AS recordedAt,
  c.reversed_on AS reversedOn, c.receipt_no AS receiptNo, c.amount, c.collected_on AS collectedOn, c.named_period AS namedPeriod`;
const STATUS_COLUMNS = `s.unit_code AS unitCode, s.event_id AS eventId, s.position, s.recorded_at AS recordedAt,
  s.reversed_on AS reversedOn, s.status, s.effective_on AS effectiveOn, s.reason`;

type WithUnit<T> = T & { unitCode: string };

/**
 * Loads employers' facts for the arrears calculation: one employer with its reversals (for the
 * trace), or every employer of an area in four queries (for worklists and totals). Employers are
 * placed by the area they registered in.
 */
export class ArrearsRepository {
  constructor(private readonly db: Database.Database) {}

  one(unitCode: string): EmployerFacts | undefined {
    const employer = this.db.prepare('SELECT unit_code, name, area_code FROM employers WHERE unit_code = ?').get(unitCode) as
      | EmployerRow
      | undefined;
    if (!employer) return undefined;
    const facts = this.collect([employer], 'e.unit_code = ?', [unitCode]).get(unitCode)!;
    facts.reversals = this.db
      .prepare(
        `SELECT r.event_id AS eventId, r.position, r.recorded_at AS recordedAt, r.reversed_event_id AS reversedEventId,
           r.reversed_on AS reversedOn
         FROM reversals r WHERE r.reversed_event_id IN (
           SELECT event_id FROM assessments WHERE unit_code = ? UNION ALL
           SELECT event_id FROM collections WHERE unit_code = ? UNION ALL
           SELECT event_id FROM employer_statuses WHERE unit_code = ?)`,
      )
      .all(unitCode, unitCode, unitCode) as ReversalFact[];
    return facts;
  }

  /** Every employer registered in the scope, without reversals (only the trace needs them). */
  inArea(scope: AreaScope): EmployerFacts[] {
    const employers = this.db
      .prepare(`SELECT unit_code, name, area_code FROM employers e WHERE ${scope.where('e')} ORDER BY unit_code`)
      .all(...scope.params) as EmployerRow[];
    return [...this.collect(employers, scope.where('e'), scope.params).values()];
  }

  private collect(employers: EmployerRow[], where: string, params: string[]): Map<string, EmployerFacts> {
    const byUnit = new Map<string, EmployerFacts>();
    for (const e of employers) {
      byUnit.set(e.unit_code, {
        unitCode: e.unit_code, name: e.name, areaCode: e.area_code, assessments: [], payments: [], statuses: [], reversals: [],
      });
    }
    const join = (table: string, alias: string) => `FROM ${table} ${alias} JOIN employers e ON e.unit_code = ${alias}.unit_code WHERE ${where}`;
    for (const row of this.db.prepare(`SELECT ${ASSESSMENT_COLUMNS} ${join('assessments', 'a')}`).all(...params) as WithUnit<AssessmentFact>[]) {
      byUnit.get(row.unitCode)?.assessments.push(row);
    }
    for (const row of this.db
      .prepare(`SELECT ${PAYMENT_COLUMNS} ${join('collections', 'c')} AND c.payer_kind = 'employer'`)
      .all(...params) as WithUnit<PaymentFact>[]) {
      byUnit.get(row.unitCode)?.payments.push(row);
    }
    for (const row of this.db.prepare(`SELECT ${STATUS_COLUMNS} ${join('employer_statuses', 's')}`).all(...params) as WithUnit<StatusFact>[]) {
      byUnit.get(row.unitCode)?.statuses.push(row);
    }
    return byUnit;
  }
}
