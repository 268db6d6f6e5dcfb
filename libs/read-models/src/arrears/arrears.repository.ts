import type { IsoDate } from '#domain';
import type { ReadModelDb, SqlParam } from '../database/read-model-db.js';
import type { AreaScope } from '../area-scope.js';
import type { AssessmentFact, EmployerFacts, PaymentFact, ReversalFact, StatusFact } from './arrears.calculation.js';

interface EmployerRow { unit_code: string; name: string; area_code: string }

const FACT_COLUMNS = (alias: string) => `${alias}.unit_code AS "unitCode", ${alias}.event_id AS "eventId", ${alias}.position,
  ${alias}.recorded_at AS "recordedAt", ${alias}.reversed_on AS "reversedOn"`;
const ASSESSMENT_COLUMNS = `${FACT_COLUMNS('a')}, a.period, CAST(a.due AS TEXT) AS due, CAST(a.health AS TEXT) AS health,
  a.due_date AS "dueDate", a.assessed_on AS "assessedOn"`;
const PAYMENT_COLUMNS = `${FACT_COLUMNS('c')}, c.receipt_no AS "receiptNo", CAST(c.amount AS TEXT) AS amount,
  c.collected_on AS "collectedOn", c.named_period AS "namedPeriod"`;
const STATUS_COLUMNS = `${FACT_COLUMNS('s')}, s.status, s.effective_on AS "effectiveOn", s.reason`;

type WithUnit<T> = T & { unitCode: string };

/**
 * Loads employers' facts for the arrears calculation: one employer with its reversals (for the
 * trace), or every employer of an area in four queries (for worklists and totals). Employers are
 * placed by the area they registered in.
 */
export class ArrearsRepository {
  constructor(private readonly db: ReadModelDb) {}

  async one(unitCode: string): Promise<EmployerFacts | undefined> {
    const employer = await this.db.queryOne<EmployerRow>('SELECT unit_code, name, area_code FROM employers WHERE unit_code = ?', [unitCode]);
    if (!employer) return undefined;
    const facts = (await this.collect([employer], 'e.unit_code = ?', [unitCode])).get(unitCode)!;
    facts.reversals = await this.db.query<ReversalFact>(
      `SELECT r.event_id AS "eventId", r.position, r.recorded_at AS "recordedAt", r.reversed_event_id AS "reversedEventId",
         r.reversed_on AS "reversedOn"
       FROM reversals r WHERE r.reversed_event_id IN (
         SELECT event_id FROM assessments WHERE unit_code = ? UNION ALL
         SELECT event_id FROM collections WHERE unit_code = ? UNION ALL
         SELECT event_id FROM employer_statuses WHERE unit_code = ?)`,
      [unitCode, unitCode, unitCode],
    );
    return facts;
  }

  /** Every employer registered in the scope, without reversals (only the trace needs them). */
  async inArea(scope: AreaScope): Promise<EmployerFacts[]> {
    const employers = await this.db.query<EmployerRow>(
      `SELECT unit_code, name, area_code FROM employers e WHERE ${scope.where('e')} ORDER BY unit_code`,
      scope.params,
    );
    return [...(await this.collect(employers, scope.where('e'), scope.params)).values()];
  }

  /**
   * Employers of the scope with an arrears fact (or a reversal of one) dated after `asOf`: the
   * summary's settlement is not theirs on `asOf`, so their overdue is computed the exact way.
   * (`owes IN (0, 1)` lets the (area, owes, facts_through) index serve the date range.)
   */
  async inAreaWithFactsAfter(scope: AreaScope, asOf: IsoDate): Promise<EmployerFacts[]> {
    const later = `e.unit_code IN (SELECT b.unit_code FROM arrears_balances b WHERE ${scope.where('b')} AND b.owes IN (0, 1) AND b.facts_through > ?)`;
    const params = [...scope.params, asOf];
    const employers = await this.db.query<EmployerRow>(`SELECT unit_code, name, area_code FROM employers e WHERE ${later} ORDER BY unit_code`, params);
    if (employers.length === 0) return [];
    return [...(await this.collect(employers, later, params)).values()];
  }

  private async collect(employers: EmployerRow[], where: string, params: SqlParam[]): Promise<Map<string, EmployerFacts>> {
    const byUnit = new Map<string, EmployerFacts>();
    for (const e of employers) {
      byUnit.set(e.unit_code, {
        unitCode: e.unit_code, name: e.name, areaCode: e.area_code, assessments: [], payments: [], statuses: [], reversals: [],
      });
    }
    const join = (table: string, alias: string) => `FROM ${table} ${alias} JOIN employers e ON e.unit_code = ${alias}.unit_code WHERE ${where}`;
    for (const row of await this.db.query<WithUnit<AssessmentFact>>(`SELECT ${ASSESSMENT_COLUMNS} ${join('assessments', 'a')}`, params)) {
      byUnit.get(row.unitCode)?.assessments.push(row);
    }
    for (const row of await this.db.query<WithUnit<PaymentFact>>(
      `SELECT ${PAYMENT_COLUMNS} ${join('collections', 'c')} AND c.payer_kind = 'employer'`,
      params,
    )) {
      byUnit.get(row.unitCode)?.payments.push(row);
    }
    for (const row of await this.db.query<WithUnit<StatusFact>>(`SELECT ${STATUS_COLUMNS} ${join('employer_statuses', 's')}`, params)) {
      byUnit.get(row.unitCode)?.statuses.push(row);
    }
    return byUnit;
  }
}
