import type { IsoDate } from '#domain';
import type { ReadModelDb, SqlParam, SqlRunner } from '../database/read-model-db.js';
import { GENERATION_TABLE } from '../database/generation.js';
import type { AreaScope } from '../area-scope.js';
import type { EmployerStatus, FundDues, InterestRateAnnouncement, IsoMonth, Money } from '#domain';
import type { AssessmentFact, EmployerFacts, PaymentFact, ReversalFact, StatusFact } from './arrears.calculation.js';
import type { ForceMajeureFact, InterestChargeFact, ReminderFact } from './arrears-law.js';

interface EmployerRow { unit_code: string; name: string; area_code: string }

/**
 * The facts' columns, read as arrays (`queryRaw`) and made into objects here: better-sqlite3 builds a
 * row object column by column, which cost a quarter of the arrears reads (docs/decisions.md, "Arrears
 * p99: rows as arrays"). Each list's order is its row's order; each `…Of` names what it reads, and
 * keeps the keys and their order of the named columns it replaced.
 */
const FACT_COLUMNS = (alias: string) => `${alias}.unit_code, ${alias}.event_id, ${alias}.position, ${alias}.recorded_at, ${alias}.reversed_on`;
type FactRow = [unitCode: string, eventId: string, position: number, recordedAt: string, reversedOn: IsoDate | null];

const ASSESSMENT_COLUMNS = `${FACT_COLUMNS('a')}, a.period, CAST(a.due AS TEXT), CAST(a.health AS TEXT), a.due_date, a.assessed_on`;
type AssessmentRow = [...FactRow, period: IsoMonth, due: Money, health: Money, dueDate: IsoDate, assessedOn: IsoDate];
const assessmentOf = (r: AssessmentRow): WithUnit<AssessmentFact> => ({
  unitCode: r[0], eventId: r[1], position: r[2], recordedAt: r[3], reversedOn: r[4], period: r[5], due: r[6], health: r[7], dueDate: r[8], assessedOn: r[9],
});

const PAYMENT_COLUMNS = `${FACT_COLUMNS('c')}, c.receipt_no, CAST(c.amount AS TEXT), c.collected_on, c.named_period`;
type PaymentRow = [...FactRow, receiptNo: string, amount: Money, collectedOn: IsoDate, namedPeriod: IsoMonth | null];
const paymentOf = (r: PaymentRow): WithUnit<PaymentFact> => ({
  unitCode: r[0], eventId: r[1], position: r[2], recordedAt: r[3], reversedOn: r[4], receiptNo: r[5], amount: r[6], collectedOn: r[7], namedPeriod: r[8],
});

const STATUS_COLUMNS = `${FACT_COLUMNS('s')}, s.status, s.effective_on, s.reason`;
type StatusRow = [...FactRow, status: EmployerStatus, effectiveOn: IsoDate, reason: string];
const statusOf = (r: StatusRow): WithUnit<StatusFact> => ({
  unitCode: r[0], eventId: r[1], position: r[2], recordedAt: r[3], reversedOn: r[4], status: r[5], effectiveOn: r[6], reason: r[7],
});

const FUND_COLUMNS = `f.unit_code, f.event_id, CAST(f.pension AS TEXT), CAST(f.sickness AS TEXT), CAST(f.accident AS TEXT),
  CAST(f.unemployment AS TEXT), CAST(f.health AS TEXT)`;
type FundRow = [unitCode: string, eventId: string, pension: Money, sickness: Money, accident: Money, unemployment: Money, health: Money];
const fundDuesOf = (r: FundRow): FundDues => ({ pension: r[2], sickness: r[3], accident: r[4], unemployment: r[5], health: r[6] });

const REMINDER_COLUMNS = `${FACT_COLUMNS('r')}, r.reminder_ref, r.sent_on`;
type ReminderRow = [...FactRow, reminderRef: string, sentOn: IsoDate];
const reminderOf = (r: ReminderRow): WithUnit<ReminderFact> => ({
  unitCode: r[0], eventId: r[1], position: r[2], recordedAt: r[3], reversedOn: r[4], reminderRef: r[5], sentOn: r[6],
});

const FORCE_MAJEURE_COLUMNS = `${FACT_COLUMNS('m')}, m.from_date, m.to_date, m.reason, m.document_ref`;
type ForceMajeureRow = [...FactRow, from: IsoDate, to: IsoDate, reason: string, documentRef: string];
const forceMajeureOf = (r: ForceMajeureRow): WithUnit<ForceMajeureFact> => ({
  unitCode: r[0], eventId: r[1], position: r[2], recordedAt: r[3], reversedOn: r[4], from: r[5], to: r[6], reason: r[7], documentRef: r[8],
});

const CHARGE_COLUMNS = `${FACT_COLUMNS('i')}, i.month, i.closed_on, i.from_date, i.to_date, CAST(i.total AS TEXT), i.data`;
type ChargeRow = [...FactRow, month: IsoMonth, closedOn: IsoDate, from: IsoDate | null, to: IsoDate, total: Money, data: string];
const chargeOf = (r: ChargeRow): WithUnit<InterestChargeFact> => ({
  unitCode: r[0], eventId: r[1], position: r[2], recordedAt: r[3], reversedOn: r[4], month: r[5], closedOn: r[6], from: r[7], to: r[8], total: r[9],
  ...(JSON.parse(r[10]) as Pick<InterestChargeFact, 'byFund' | 'basis' | 'notComputed'>),
});

/**
 * An employer `e` that owes no contribution on the date bound to `?`: its arrears summary
 * (arrears-summary.ts) holds every fact it has as of that date (`facts_through`) and says its dues
 * are paid (`owes = 0`: what was paid covers every due), and it has no interest charged. Without
 * charged interest every payment settles contributions until all are paid (the allocation's last
 * step takes any period in advance: libs/domain allocation.ts, `settleFromBook`), so its outstanding
 * on that date is 0 and the worklist would drop it after computing it.
 */
const PAID_UP = `EXISTS (SELECT 1 FROM arrears_balances b WHERE b.unit_code = e.unit_code AND b.owes = 0
  AND (b.facts_through IS NULL OR b.facts_through <= ?)
  AND NOT EXISTS (SELECT 1 FROM interest_charges i WHERE i.unit_code = e.unit_code))`;

type WithUnit<T> = T & { unitCode: string };

const isReversed = (facts: EmployerFacts) => [facts.assessments, facts.payments, facts.statuses].some((rows) => rows.some((row) => row.reversedOn !== null));

/** An employer's arrears mark (projection/arrears-marks.ts): NULL until its first fact after read-model version 9. */
export interface ArrearsMark { unitCode: string; mark: number | string | null }

const RATES_SQL = `SELECT year, fund, monthly_percent AS "monthlyPercent", document_ref AS "documentRef", announced_on AS "announcedOn"
  FROM interest_rates WHERE reversed_on IS NULL`;

/** IN lists of at most this many unit codes: within every SQLite build's parameter limit. */
const UNITS_A_QUERY = 500;

/**
 * Loads employers' facts for the arrears calculation: one employer with its reversals (for the
 * trace), or every employer of an area in four queries (for worklists and totals). Employers are
 * placed by the area they registered in.
 */
export class ArrearsRepository {
  constructor(private readonly db: ReadModelDb) {}

  /**
   * One employer's facts, read in one read transaction: its statements see the same commits, so a
   * projector's batch (a new assessment with the payment that settles it, say) is read whole or not at
   * all, and the call pays one transaction instead of one a statement.
   */
  one(unitCode: string): Promise<EmployerFacts | undefined> {
    return this.db.readTransaction((reader) => this.oneReading(reader, unitCode));
  }

  private async oneReading(reader: SqlRunner, unitCode: string): Promise<EmployerFacts | undefined> {
    const employer = await reader.queryOne<EmployerRow>('SELECT unit_code, name, area_code FROM employers WHERE unit_code = ?', [unitCode]);
    if (!employer) return undefined;
    const facts = (await this.collect(reader, [employer], 'e.unit_code = ?', [unitCode])).get(unitCode)!;
    // A reversal marks the fact it reverses (`reversed_on`, projection/event-writer.ts), and only employer
    // collections carry a unit code: an employer none of whose facts is reversed (most) has no reversal
    // to read, and the query (a quarter of the SQL time of a call) is skipped.
    if (isReversed(facts)) facts.reversals = await reader.query<ReversalFact>(
      `SELECT r.event_id AS "eventId", r.position, r.recorded_at AS "recordedAt", r.reversed_event_id AS "reversedEventId",
         r.reversed_on AS "reversedOn"
       FROM reversals r WHERE r.reversed_event_id IN (
         SELECT event_id FROM assessments WHERE unit_code = ? UNION ALL
         SELECT event_id FROM collections WHERE unit_code = ? UNION ALL
         SELECT event_id FROM employer_statuses WHERE unit_code = ?)`,
      [unitCode, unitCode, unitCode],
    );
    await this.addLawFacts(reader, new Map([[unitCode, facts]]), 'e.unit_code = ?', [unitCode]);
    return facts;
  }

  /**
   * Every employer registered in the scope, without reversals (only the trace needs them). With
   * `owingOn`, only those that may owe a contribution on that date: the others are left out unread.
   */
  async inArea(scope: AreaScope, options: { owingOn?: IsoDate; rates?: InterestRateAnnouncement[] } = {}): Promise<EmployerFacts[]> {
    const where = options.owingOn ? `${scope.where('e')} AND NOT ${PAID_UP}` : scope.where('e');
    const params = options.owingOn ? [...scope.params, options.owingOn] : scope.params;
    const employers = await this.db.query<EmployerRow>(`SELECT unit_code, name, area_code FROM employers e WHERE ${where} ORDER BY unit_code`, params);
    const byUnit = await this.collect(this.db, employers, where, params);
    await this.addLawFacts(this.db, byUnit, where, params, options.rates);
    return [...byUnit.values()];
  }

  /** The arrears marks of the employers `inArea(scope, { owingOn })` would load, in one query (the worklist's memo). */
  async marksInArea(scope: AreaScope, owingOn: IsoDate): Promise<ArrearsMark[]> {
    return this.db.query<ArrearsMark>(
      `SELECT e.unit_code AS "unitCode", e.arrears_mark AS mark FROM employers e WHERE ${scope.where('e')} AND NOT ${PAID_UP}`,
      [...scope.params, owingOn],
    );
  }

  /**
   * Every employer whose mark is past `since` (changed since a caller read marks up to it), each with
   * whether `inArea(scope, { owingOn })` would list it now. Through the marks' index: a few rows.
   */
  async marksChangedSince(scope: AreaScope, owingOn: IsoDate, since: number): Promise<(ArrearsMark & { listed: number | boolean })[]> {
    return this.db.query<ArrearsMark & { listed: number | boolean }>(
      `SELECT e.unit_code AS "unitCode", e.arrears_mark AS mark, CASE WHEN ${scope.where('e')} AND NOT ${PAID_UP} THEN 1 ELSE 0 END AS listed
       FROM employers e WHERE e.arrears_mark > ?`,
      [...scope.params, owingOn, since],
    );
  }

  /** The read models' generation (migrations.ts): a rebuild's reset writes a new one. */
  async generation(): Promise<string> {
    const row = await this.db.queryOne<{ token: string }>(`SELECT token FROM ${GENERATION_TABLE} WHERE id = 1`);
    return row?.token ?? '';
  }

  /** The newest arrears mark of the ledger (0 while none is set). */
  async lastMark(): Promise<number> {
    const row = await this.db.queryOne<{ mark: number | string | null }>('SELECT MAX(arrears_mark) AS mark FROM employers');
    return Number(row?.mark ?? 0);
  }

  /** The ledger's unreversed rates k, which every employer's interest reads. */
  async rates(reader: SqlRunner = this.db): Promise<InterestRateAnnouncement[]> {
    return reader.query<InterestRateAnnouncement>(RATES_SQL);
  }

  /** The employers named, as inArea loads them; `rates` as rates() read them, so the caller knows which rates the facts hold. */
  async ofUnits(unitCodes: readonly string[], rates: InterestRateAnnouncement[]): Promise<EmployerFacts[]> {
    const loaded: EmployerFacts[] = [];
    for (let from = 0; from < unitCodes.length; from += UNITS_A_QUERY) {
      const params = unitCodes.slice(from, from + UNITS_A_QUERY);
      const where = `e.unit_code IN (${params.map(() => '?').join(', ')})`;
      const employers = await this.db.query<EmployerRow>(`SELECT unit_code, name, area_code FROM employers e WHERE ${where} ORDER BY unit_code`, params);
      const byUnit = await this.collect(this.db, employers, where, params);
      await this.addLawFacts(this.db, byUnit, where, params, rates);
      loaded.push(...byUnit.values());
    }
    return loaded;
  }

  private async collect(reader: SqlRunner, employers: EmployerRow[], where: string, params: SqlParam[]): Promise<Map<string, EmployerFacts>> {
    const byUnit = new Map<string, EmployerFacts>();
    for (const e of employers) {
      byUnit.set(e.unit_code, {
        unitCode: e.unit_code, name: e.name, areaCode: e.area_code, assessments: [], payments: [], statuses: [], reversals: [],
      });
    }
    const join = (table: string, alias: string) => `FROM ${table} ${alias} JOIN employers e ON e.unit_code = ${alias}.unit_code WHERE ${where}`;
    for (const row of await reader.queryRaw<AssessmentRow>(`SELECT ${ASSESSMENT_COLUMNS} ${join('assessments', 'a')}`, params)) {
      byUnit.get(row[0])?.assessments.push(assessmentOf(row));
    }
    for (const row of await reader.queryRaw<PaymentRow>(`SELECT ${PAYMENT_COLUMNS} ${join('collections', 'c')} AND c.payer_kind = 'employer'`, params)) {
      byUnit.get(row[0])?.payments.push(paymentOf(row));
    }
    for (const row of await reader.queryRaw<StatusRow>(`SELECT ${STATUS_COLUMNS} ${join('employer_statuses', 's')}`, params)) {
      byUnit.get(row[0])?.statuses.push(statusOf(row));
    }
    return byUnit;
  }

  /**
   * The arrears law's facts of the employers (arrears-law-facts.ts): per-fund dues, reminders, force
   * majeure, interest charged, and the ledger's announced rates. Overdue-only callers skip them.
   */
  private async addLawFacts(
    reader: SqlRunner, byUnit: Map<string, EmployerFacts>, where: string, params: SqlParam[], announced?: InterestRateAnnouncement[],
  ): Promise<void> {
    const rates = announced ?? await this.rates(reader);
    for (const facts of byUnit.values()) {
      Object.assign(facts, { fundDues: new Map(), reminders: [], forceMajeure: [], charges: [], rates: rates.map((r) => ({ ...r, year: Number(r.year) })) });
    }
    const join = (table: string, alias: string) => `FROM ${table} ${alias} JOIN employers e ON e.unit_code = ${alias}.unit_code WHERE ${where}`;
    for (const row of await reader.queryRaw<FundRow>(`SELECT ${FUND_COLUMNS} ${join('assessment_funds', 'f')}`, params)) {
      byUnit.get(row[0])?.fundDues!.set(row[1], fundDuesOf(row));
    }
    for (const row of await reader.queryRaw<ReminderRow>(`SELECT ${REMINDER_COLUMNS} ${join('employer_reminders', 'r')}`, params)) {
      byUnit.get(row[0])?.reminders!.push(reminderOf(row));
    }
    for (const row of await reader.queryRaw<ForceMajeureRow>(`SELECT ${FORCE_MAJEURE_COLUMNS} ${join('force_majeure', 'm')}`, params)) {
      byUnit.get(row[0])?.forceMajeure!.push(forceMajeureOf(row));
    }
    for (const row of await reader.queryRaw<ChargeRow>(`SELECT ${CHARGE_COLUMNS} ${join('interest_charges', 'i')}`, params)) {
      byUnit.get(row[0])?.charges!.push(chargeOf(row));
    }
  }
}
