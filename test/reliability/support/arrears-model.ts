/**
 * A tiny reference model of employer balances, written from the contract and domain.md rather than
 * from the code: assessments due per fund, payments settling the period they name first, then what is
 * late on the payment day fund by fund (health, unemployment, sickness, accident, pension; oldest
 * period first in each fund), then, as an advance, the periods not yet due in the order they fall due
 * (domain.md "Arrears"; docs/decisions.md), what is left over as credit, reversals that
 * cancel a fact (and free an assessed period), and statuses (the latest effective one; active from
 * registration). Whole đồng in BigInt, so the model is exact.
 */
export type Status = 'active' | 'suspended' | 'dissolved' | 'bankrupt' | 'missing';
const HARD_TO_COLLECT: Status[] = ['suspended', 'dissolved', 'bankrupt', 'missing'];

interface Fact {
  eventId: string;
  /** The order the ledger recorded it in (ties of business dates follow it). */
  order: number;
  reversed: boolean;
}
export interface AssessmentFact extends Fact { kind: 'assessment'; period: string; due: bigint; funds: Record<Fund, bigint>; payroll: string }

/** The verified order of the funds (QĐ 60/2015 art. 6; NĐ 233/2025 art. 7). */
export const FUND_ORDER = ['health', 'unemployment', 'sickness', 'accident', 'pension'] as const;
export type Fund = typeof FUND_ORDER[number];
export interface PaymentFact extends Fact { kind: 'payment'; receiptNo: string; amount: bigint; collectedOn: string; period?: string }
export interface StatusFact extends Fact { kind: 'status'; status: Status; effectiveOn: string; reason: string }
export type ModelFact = AssessmentFact | PaymentFact | StatusFact;
type Recorded = 'eventId' | 'order' | 'reversed';
/** A fact as a command describes it, before the ledger records it. */
export type NewFact = Omit<AssessmentFact, Recorded> | Omit<PaymentFact, Recorded> | Omit<StatusFact, Recorded>;

export interface ModelPeriod { period: string; due: string; paid: string; outstanding: string; dueDate: string; daysLate: number }
export interface ModelArrears {
  status: Status;
  due: string;
  paid: string;
  outstanding: string;
  overdue: string;
  credit: string;
  oldestUnpaidPeriod: string | null;
  monthsOverdue: number;
  bucket: string;
  periods: ModelPeriod[];
}

/** Before 2025-07-01 a period falls due at the end of its own month (contract, "arrears"). */
export function dueDateOf(period: string): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

export class EmployerModel {
  readonly facts: ModelFact[] = [];
  /** Command keys the ledger holds: the content they were recorded with and the event that holds them. */
  readonly keys = new Map<string, { content: string; eventId: string; reversal?: { targetId: string } }>();

  constructor(readonly unitCode: string) {}

  add(fact: ModelFact): void {
    this.facts.push(fact);
  }

  live<T extends ModelFact['kind']>(kind: T): Extract<ModelFact, { kind: T }>[] {
    return this.facts.filter((f) => f.kind === kind && !f.reversed) as Extract<ModelFact, { kind: T }>[];
  }

  liveAssessment(period: string): AssessmentFact | undefined {
    return this.live('assessment').find((a) => a.period === period);
  }

  /** The latest live status effective on `date`; registration made the employer active. */
  statusOn(date: string): Status {
    let found: StatusFact | undefined;
    for (const change of this.live('status')) {
      if (change.effectiveOn <= date && (!found || change.effectiveOn > found.effectiveOn || (change.effectiveOn === found.effectiveOn && change.order > found.order))) found = change;
    }
    return found?.status ?? 'active';
  }

  /**
   * The status the ledger decides a change against: the latest live change effective on `date`, and
   * none before the first. Registration makes an employer active for every figure, but the decider
   * accepts "active" as a change for an employer with no change yet (see the STATUS_UNCHANGED spec in
   * model.spec.ts, which fails on it); the model mirrors that so the sequences explore the rest.
   */
  decidedStatusOn(date: string): Status | undefined {
    return this.live('status').some((change) => change.effectiveOn <= date) ? this.statusOn(date) : undefined;
  }

  /** The balance on `asOf`, which must come after every business date the model uses. */
  arrears(asOf: string): ModelArrears {
    const assessments = this.live('assessment').sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : a.order - b.order));
    const slots = assessments.map((a) => ({ period: a.period, due: a.due, paid: 0n }));
    // One receivable per period and fund, listed by period and then in the fund order.
    const owed = assessments.flatMap((a, i) => FUND_ORDER.map((fund, rank) => ({ slot: slots[i]!, rank, left: a.funds[fund] })));
    const byFund = [...owed].sort((a, b) => a.rank - b.rank || (a.slot.period < b.slot.period ? -1 : a.slot.period > b.slot.period ? 1 : 0));
    const payments = this.live('payment').sort((a, b) => (a.collectedOn < b.collectedOn ? -1 : a.collectedOn > b.collectedOn ? 1 : a.order - b.order));
    let credit = 0n;
    for (const payment of payments) {
      let left = payment.amount;
      const pay = (receivable: { slot: { paid: bigint }; left: bigint }) => {
        const used = receivable.left < left ? receivable.left : left;
        receivable.left -= used;
        receivable.slot.paid += used;
        left -= used;
      };
      for (const r of owed) if (r.slot.period === payment.period) pay(r);
      for (const r of byFund) if (dueDateOf(r.slot.period) < payment.collectedOn) pay(r);
      for (const r of owed) pay(r);
      credit += left;
    }
    const periods: ModelPeriod[] = slots.map((s) => {
      const dueDate = dueDateOf(s.period);
      const outstanding = s.due - s.paid;
      return { period: s.period, due: String(s.due), paid: String(s.paid), outstanding: String(outstanding), dueDate, daysLate: outstanding > 0n && dueDate < asOf ? days(dueDate, asOf) : 0 };
    });
    const outstanding = slots.reduce((sum, s) => sum + s.due - s.paid, 0n);
    const overduePeriods = periods.filter((p) => p.daysLate > 0);
    const status = this.statusOn(asOf);
    const oldestLate = overduePeriods[0]?.daysLate;
    const bucket = HARD_TO_COLLECT.includes(status) && outstanding !== 0n ? 'hard-to-collect'
      : oldestLate === undefined ? 'current' : oldestLate <= 30 ? 'under-1-month' : oldestLate <= 90 ? '1-to-3-months' : '3-months-plus';
    return {
      status,
      due: String(slots.reduce((sum, s) => sum + s.due, 0n)),
      paid: String(payments.reduce((sum, p) => sum + p.amount, 0n)),
      outstanding: String(outstanding),
      overdue: String(overduePeriods.reduce((sum, p) => sum + BigInt(p.outstanding), 0n)),
      credit: String(credit),
      oldestUnpaidPeriod: periods.find((p) => p.outstanding !== '0')?.period ?? null,
      monthsOverdue: overduePeriods.length,
      bucket,
      periods,
    };
  }
}
