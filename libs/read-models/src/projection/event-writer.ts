import type {
  BenefitPaid, BookIssued, CardIssued, ClaimAssessed, ContributionAssessed, ContributionCollected, EmployerRegistered,
  EmployerProfileChanged, EmployerRelocated, EmployerReminded, EmployerStatusChanged, EntryReversed, EventType, ForceMajeureRecorded, InspectionRecorded,
  InterestRateAnnounced, LateInterestCharged, PayoutsReconciled, PersonRelocated, PlanAssigned,
} from '#domain';
import { currentProvinceOf } from '../area-scope.js';
import type { RecordedEvent } from '#event-store';
import type { SqlParam, SqlStatement } from '../database/read-model-db.js';
import type { ReadModelAreas } from '../ports.js';
import { bankCreditStatements, bankReversalStatements } from '../bank-credits/bank-credits.writer.js';
import { markArrearsOfReversed, PendingMarks } from './arrears-marks.js';
import { insertHome, REGISTERED_FROM, rehomeEmployer, rehomePerson } from './homes.js';

/** The metadata fields the statements read: a rebuild's reader may leave out the rest. */
export const PROJECTED_METADATA: readonly string[] = ['recordedAt'];

/** The table that holds each reversible fact, so a reversal can mark its row. */
const TABLE_OF: Partial<Record<EventType, string>> = {
  EmployerStatusChanged: 'employer_statuses',
  ContributionAssessed: 'assessments',
  ContributionCollected: 'collections',
  BookIssued: 'books',
  CardIssued: 'cards',
  BenefitPaid: 'benefit_payments',
  ClaimAssessed: 'claims',
  PlanAssigned: 'plans',
  InspectionRecorded: 'inspections',
  EmployerReminded: 'employer_reminders',
  ForceMajeureRecorded: 'force_majeure',
  LateInterestCharged: 'interest_charges',
  InterestRateAnnounced: 'interest_rates',
  EmployerProfileChanged: 'employer_profiles',
  EmployerRelocated: 'homes',
  PersonRelocated: 'homes',
};

/**
 * Turns recorded events into the statements that apply them to the read-model tables. It writes
 * nothing itself: the projector runs the statements of a batch, with its checkpoint, in one
 * transaction. Every insert is `ON CONFLICT DO NOTHING` on the event id so that applying an event
 * twice cannot double a figure, even if a checkpoint were ever lost.
 */
export class EventWriter {
  private statements: SqlStatement[] = [];
  /** Employers' arrears marks of the events appended since the last appendMarks (projection/arrears-marks.ts). */
  private readonly marks = new PendingMarks();

  constructor(private readonly areas: ReadModelAreas) {}

  /** The statements that apply `event`; none for an event type this version does not know (a newer writer). */
  statementsFor(event: RecordedEvent): SqlStatement[] {
    return this.appendMarks(this.appendStatements(event, []));
  }

  /** Appends the arrears marks of the events appended so far (after the facts of a page: arrears-marks.ts) and returns `out`. */
  appendMarks(out: SqlStatement[]): SqlStatement[] {
    this.statements = out;
    this.marks.flush((sql, ...params) => this.run(sql, ...params));
    return out;
  }

  /** Appends the statements that apply `event` to `out` (a page's list, with no array per event) and returns it. */
  appendStatements(event: RecordedEvent, out: SqlStatement[]): SqlStatement[] {
    const handler = this.handlers[event.type as EventType];
    this.statements = out;
    if (handler) handler(event as RecordedEvent<never>);
    else bankCreditStatements(event, (sql, ...params) => this.run(sql, ...(params as SqlParam[])), (code) => this.province(code));
    return out;
  }

  /** `run` bound, for the statements of projection/homes.ts. */
  private readonly home = (sql: string, ...params: (SqlParam | undefined)[]): void => this.run(sql, ...params);

  private run(sql: string, ...params: (SqlParam | undefined)[]): void {
    // A field an older event lacks is NULL, never a driver error about `undefined`. The rest
    // array is this call's own, so it is fixed in place rather than copied.
    for (let i = 0; i < params.length; i++) if (params[i] === undefined) params[i] = null;
    this.statements.push({ sql, params: params as SqlParam[] });
  }

  /**
   * The current province a fact counts in (issue 28): an old province's or district's facts belong to
   * the province that took it over, so that a current province's answers over any period hold its
   * predecessors' history in one indexed comparison; an old code's own answers select by `area_code`.
   */
  private province(areaCode: string): string | null {
    return currentProvinceOf(this.areas, areaCode);
  }

  private readonly handlers: { [T in EventType]: (event: RecordedEvent<never>) => void } = {
    EmployerRegistered: (e) => {
      const d = e.data as EmployerRegistered;
      this.run(
        `INSERT INTO employers (unit_code, name, area_code, province, tax_code, registered_on, event_id, position, recorded_at, arrears_mark)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        d.unitCode, d.name, d.areaCode, this.province(d.areaCode), d.taxCode ?? null, d.registeredOn, e.eventId, e.position,
        e.metadata.recordedAt, e.position,
      );
      // The registration is the employer's first home, in force until a relocation (projection/homes.ts).
      insertHome(this.home, this.areas, {
        eventId: e.eventId, position: e.position, recordedAt: e.metadata.recordedAt, kind: 'employer', subject: d.unitCode,
        areaCode: d.areaCode, province: this.province(d.areaCode), effectiveOn: REGISTERED_FROM,
      });
    },
    EmployerStatusChanged: (e) => {
      const d = e.data as EmployerStatusChanged;
      this.run(
        `INSERT INTO employer_statuses (event_id, position, recorded_at, unit_code, status, effective_on, reason)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        e.eventId, e.position, e.metadata.recordedAt, d.unitCode, d.status, d.effectiveOn, d.reason,
      );
      this.marks.add(d.unitCode, e.position);
    },
    ContributionAssessed: (e) => {
      const d = e.data as ContributionAssessed;
      this.run(
        `INSERT INTO assessments (event_id, position, recorded_at, unit_code, area_code, province, period, due, health,
           due_date, assessed_on, headcount_si, headcount_hi, headcount_ui) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        e.eventId, e.position, e.metadata.recordedAt, d.unitCode, d.areaCode, this.province(d.areaCode), d.period, d.due,
        d.funds.health, d.dueDate, d.assessedOn, d.headcount.socialInsurance, d.headcount.healthInsurance,
        d.headcount.unemploymentInsurance,
      );
      // The allocation of payments settles fund by fund (arrears/arrears-law-facts.ts).
      this.run(
        `INSERT INTO assessment_funds (event_id, unit_code, pension, sickness, accident, unemployment, health)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        e.eventId, d.unitCode, d.funds.pension, d.funds.sickness, d.funds.accident, d.funds.unemployment, d.funds.health,
      );
      this.marks.add(d.unitCode, e.position);
    },
    ContributionCollected: (e) => {
      const d = e.data as ContributionCollected;
      const p = d.payer;
      this.run(
        `INSERT INTO collections (event_id, position, recorded_at, receipt_no, payer_kind, unit_code, named_period,
           person_id, scheme, cover_from, cover_to, amount, collected_on, area_code, province)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        e.eventId, e.position, e.metadata.recordedAt, d.receiptNo, p.kind,
        p.kind === 'employer' ? p.unitCode : null, p.kind === 'employer' ? (p.period ?? null) : null,
        p.kind === 'person' ? p.personId : null, p.kind === 'person' ? p.scheme : null,
        p.kind === 'person' ? p.coverFrom : null, p.kind === 'person' ? p.coverTo : null,
        d.amount, d.collectedOn, d.areaCode, this.province(d.areaCode),
      );
      if (p.kind === 'employer') this.marks.add(p.unitCode, e.position);
    },
    BookIssued: (e) => {
      const d = e.data as BookIssued;
      this.run(
        `INSERT INTO books (event_id, position, recorded_at, person_id, area_code, province, issued_on, reissue)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        e.eventId, e.position, e.metadata.recordedAt, d.personId, d.areaCode, this.province(d.areaCode), d.issuedOn, d.reissue ? 1 : 0,
      );
    },
    CardIssued: (e) => {
      const d = e.data as CardIssued;
      this.run(
        `INSERT INTO cards (event_id, position, recorded_at, card_no, person_id, area_code, province, valid_from, valid_to, issued_on)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        e.eventId, e.position, e.metadata.recordedAt, d.cardNo, d.personId, d.areaCode, this.province(d.areaCode),
        d.validFrom, d.validTo, d.issuedOn,
      );
    },
    BenefitPaid: (e) => {
      const d = e.data as BenefitPaid;
      this.run(
        `INSERT INTO benefit_payments (event_id, position, recorded_at, payment_ref, person_id, benefit, payout_month,
           amount, channel, area_code, province, paid_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        e.eventId, e.position, e.metadata.recordedAt, d.paymentRef, d.personId, d.benefit, d.payoutMonth, d.amount, d.channel,
        d.areaCode, this.province(d.areaCode), d.paidOn,
      );
    },
    ClaimAssessed: (e) => {
      const d = e.data as ClaimAssessed;
      this.run(
        `INSERT INTO claims (event_id, position, recorded_at, assessment_ref, facility_code, area_code, province, period,
           outpatient, inpatient, requested, approved, refused, assessed_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        e.eventId, e.position, e.metadata.recordedAt, d.assessmentRef, d.facilityCode, d.areaCode, this.province(d.areaCode),
        d.period, d.visits.outpatient, d.visits.inpatient, d.requested, d.approved, d.refused, d.assessedOn,
      );
    },
    PlanAssigned: (e) => {
      const d = e.data as PlanAssigned;
      const t = d.targets;
      this.run(
        `INSERT INTO plans (event_id, position, recorded_at, year, area_code, assigned_on, target_collection,
           target_mandatory, target_voluntary, target_unemployment, target_health, labour_force, population)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        e.eventId, e.position, e.metadata.recordedAt, d.year, d.areaCode, d.assignedOn, t.collection,
        t.participants.mandatorySocialInsurance, t.participants.voluntarySocialInsurance,
        t.participants.unemploymentInsurance, t.participants.healthInsurance, d.labourForce, d.population,
      );
    },
    InspectionRecorded: (e) => {
      const d = e.data as InspectionRecorded;
      this.run(
        `INSERT INTO inspections (event_id, position, recorded_at, inspection_id, unit_code, area_code, province,
           inspected_on, unannounced, arrears_found) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        e.eventId, e.position, e.metadata.recordedAt, d.inspectionId, d.unitCode, d.areaCode, this.province(d.areaCode),
        d.inspectedOn, d.unannounced ? 1 : 0, d.arrearsFound,
      );
    },
    PayoutsReconciled: (e) => {
      const d = e.data as PayoutsReconciled;
      this.run(
        `INSERT INTO reconciliations (event_id, position, recorded_at, statement_ref, month, area_code, province, data)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        e.eventId, e.position, e.metadata.recordedAt, d.statementRef, d.month, d.areaCode, this.province(d.areaCode), JSON.stringify(d),
      );
    },
    EntryReversed: (e) => {
      const d = e.data as EntryReversed;
      this.run(
        `INSERT INTO reversals (event_id, position, recorded_at, reversed_event_id, reversed_type, reversed_position,
           reason, reversed_on, area_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        e.eventId, e.position, e.metadata.recordedAt, d.eventId, d.reversedType, d.reversedPosition, d.reason, d.reversedOn, d.areaCode,
      );
      bankReversalStatements(d, (sql, ...params) => this.run(sql, ...(params as SqlParam[])));
      // Before the fact's row is marked: either order would do, the mark reads only its unit code.
      markArrearsOfReversed(this.home, d.reversedType, d.eventId, e.position);
      const table = TABLE_OF[d.reversedType];
      // A fact is reversed once (the ledger refuses a second reversal); the first one stands here too.
      if (table) {
        this.run(
          `UPDATE ${table} SET reversed_on = ?, reversed_position = ? WHERE event_id = ? AND reversed_on IS NULL`,
          d.reversedOn, e.position, d.eventId,
        );
      }
      // A relocation undone: what it had placed goes back to the homes left in force.
      if (d.reversedType === 'EmployerRelocated') rehomeEmployer(this.home, d.eventId);
      if (d.reversedType === 'PersonRelocated') rehomePerson(this.home, d.eventId);
    },
    EmployerRelocated: (e) => {
      // The employer's facts recorded from now on already name the new home (the write side places
      // them); those recorded before but dated from the move on, and the employer itself (the
      // worklist, the stocks read through it: headcounts, arrears), move here.
      const d = e.data as EmployerRelocated;
      insertHome(this.home, this.areas, {
        eventId: e.eventId, position: e.position, recordedAt: e.metadata.recordedAt, kind: 'employer', subject: d.unitCode,
        areaCode: d.areaCode, province: this.province(d.areaCode), effectiveOn: d.effectiveOn,
        fromAreaCode: d.fromAreaCode, fromProvince: this.province(d.fromAreaCode),
      });
      rehomeEmployer(this.home, e.eventId);
      this.marks.add(d.unitCode, e.position);
    },
    // A person has no row of their own: each of their facts names the area it counts in, and the write
    // side places the payments recorded after the relocation by it. The row is kept for its reversal.
    PersonRelocated: (e) => {
      const d = e.data as PersonRelocated;
      insertHome(this.home, this.areas, {
        eventId: e.eventId, position: e.position, recordedAt: e.metadata.recordedAt, kind: 'person', subject: d.personId,
        areaCode: d.areaCode, province: this.province(d.areaCode), effectiveOn: d.effectiveOn,
        ...(d.fromAreaCode === undefined ? {} : { fromAreaCode: d.fromAreaCode, fromProvince: this.province(d.fromAreaCode) }),
      });
    },
    // Issue 22's facts, for the arrears read model (arrears/arrears-law-facts.ts).
    InterestRateAnnounced: (e) => {
      const d = e.data as InterestRateAnnounced;
      this.run(
        `INSERT INTO interest_rates (event_id, position, recorded_at, year, fund, monthly_percent, document_ref, announced_on)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        e.eventId, e.position, e.metadata.recordedAt, d.year, d.fund, d.monthlyPercent, d.documentRef, d.announcedOn,
      );
    },
    EmployerReminded: (e) => {
      const d = e.data as EmployerReminded;
      this.run(
        `INSERT INTO employer_reminders (event_id, position, recorded_at, unit_code, area_code, reminder_ref, sent_on, amount_late)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        e.eventId, e.position, e.metadata.recordedAt, d.unitCode, d.areaCode, d.reminderRef, d.sentOn, d.amountLate,
      );
      this.marks.add(d.unitCode, e.position);
    },
    ForceMajeureRecorded: (e) => {
      const d = e.data as ForceMajeureRecorded;
      this.run(
        `INSERT INTO force_majeure (event_id, position, recorded_at, unit_code, area_code, from_date, to_date, reason, document_ref)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        e.eventId, e.position, e.metadata.recordedAt, d.unitCode, d.areaCode, d.from, d.to, d.reason, d.documentRef,
      );
      this.marks.add(d.unitCode, e.position);
    },
    LateInterestCharged: (e) => {
      const d = e.data as LateInterestCharged;
      // byFund and the basis are read back whole for one employer's answer: kept as the event's JSON.
      this.run(
        `INSERT INTO interest_charges (event_id, position, recorded_at, unit_code, area_code, month, closed_on, from_date, to_date, total, data)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        e.eventId, e.position, e.metadata.recordedAt, d.unitCode, d.areaCode, d.month, d.closedOn, d.from ?? null, d.to, d.total,
        JSON.stringify({ byFund: d.byFund, basis: d.basis, notComputed: d.notComputed }),
      );
      this.marks.add(d.unitCode, e.position);
    },
    EmployerProfileChanged: (e) => {
      const d = e.data as EmployerProfileChanged;
      this.run(
        `INSERT INTO employer_profiles (event_id, position, recorded_at, unit_code, area_code, effective_on, wage_region, sector,
           high_risk_rate, high_risk_decision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        e.eventId, e.position, e.metadata.recordedAt, d.unitCode, d.areaCode, d.effectiveOn, d.wageRegion, d.sector,
        d.highRiskApproval?.rate, d.highRiskApproval?.decisionRef,
      );
    },
    // The pension-fund suspension changes dues, which the write side assesses: no read model reads it yet.
    FundSuspensionGranted: () => {},
  };
}
