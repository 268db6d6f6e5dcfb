import { addDays, allocatePayment, evasionOn, FUNDS, firstDayOf, lastDayOf } from '#domain';
import type {
  AllocationLine, ContributionAssessed, ContributionCollected, EmployerReminded, EntryReversed, ForceMajeureRecorded, Fund, IsoDate, IsoMonth,
  LateInterestCharged, Money, Receivable,
} from '#domain';

/** One fact of the employer's stream, as the event store hands it over. */
export interface NoticeFact {
  eventId: string;
  type: string;
  position: number;
  data: unknown;
}

/** An amount per fund and their sum. */
export type FundAmounts = Record<Fund, Money> & { total: Money };

export interface NoticeBalance {
  principal: FundAmounts;
  interest: FundAmounts;
  /** Paid beyond everything owed; it settles what is assessed next. */
  credit: Money;
  /** principal + interest − credit. */
  total: Money;
}

export interface NoticePayment {
  eventId: string;
  receiptNo: string;
  collectedOn: IsoDate;
  amount: Money;
  allocation: AllocationLine[];
  unallocated: Money;
}

export interface NoticeAdjustment {
  eventId: string;
  on: IsoDate;
  effect: 'assessment-reversed' | 'payment-reversed' | 'charge-reversed' | 'back-dated-assessment';
  detail: string;
  amount: Money;
}

export interface EvasionWarning { since: IsoDate; reminderRef: string; period?: IsoMonth; basis: string }

/** The employer's monthly notice (mẫu C12-TS): what it owed, what happened in the month, what it owes. */
export interface EmployerNotice {
  unitCode: string;
  name: string;
  areaCode: string;
  month: IsoMonth;
  from: IsoDate;
  to: IsoDate;
  opening: NoticeBalance;
  assessed: { byFund: FundAmounts; periods: { eventId: string; period: IsoMonth; assessedOn: IsoDate; dueDate: IsoDate; amount: Money }[] };
  /** What moved the balance besides this month's assessments, payments and charges, per fund (closing − opening − the rest). */
  adjustments: { principal: FundAmounts; interest: FundAmounts; items: NoticeAdjustment[] };
  paid: { amount: Money; principal: FundAmounts; interest: FundAmounts; payments: NoticePayment[] };
  interestCharged: { byFund: FundAmounts; charges: { eventId: string; month: IsoMonth; from: IsoDate | null; to: IsoDate; total: Money }[] };
  closing: NoticeBalance;
  /** Owed on the month's last day past its due date: contributions of periods due before it, and all charged interest unpaid. */
  lateAmount: { principal: Money; interest: Money; total: Money; periods: { period: IsoMonth; dueDate: IsoDate; amount: Money }[] };
  reminders: { reminderRef: string; sentOn: IsoDate; amountLate: Money }[];
  evasion: EvasionWarning | null;
}

interface Standing {
  owed: Map<string, bigint>;
  credit: bigint;
  payments: NoticePayment[];
  settledOn: Map<IsoMonth, IsoDate>;
}

const key = (period: IsoMonth, fund: Fund, kind: Receivable['kind']) => `${kind}/${period}/${fund}`;
const emptyFunds = (): Record<Fund, bigint> => ({ pension: 0n, sickness: 0n, accident: 0n, health: 0n, unemployment: 0n });
const asAmounts = (values: Record<Fund, bigint>): FundAmounts => {
  const out = { total: FUNDS.reduce((sum, fund) => sum + values[fund], 0n).toString() } as FundAmounts;
  for (const fund of FUNDS) out[fund] = values[fund].toString();
  return out;
};

/**
 * Reads the employer's facts as of a business date: a fact counts once its date has come and no
 * reversal dated by then cancels it (as the arrears query does).
 */
class EmployerLog {
  readonly reversedOn = new Map<string, IsoDate>();

  constructor(readonly facts: readonly NoticeFact[]) {
    for (const fact of facts) {
      if (fact.type === 'EntryReversed') {
        const data = fact.data as EntryReversed;
        const earlier = this.reversedOn.get(data.eventId);
        if (!earlier || data.reversedOn < earlier) this.reversedOn.set(data.eventId, data.reversedOn);
      }
    }
  }

  stands(eventId: string, date: IsoDate, asOf: IsoDate): boolean {
    const reversed = this.reversedOn.get(eventId);
    return date <= asOf && (reversed === undefined || reversed > asOf);
  }

  of<T>(type: string, dateOf: (data: T) => IsoDate, asOf: IsoDate): { fact: NoticeFact; data: T }[] {
    return this.facts
      .filter((fact) => fact.type === type)
      .map((fact) => ({ fact, data: fact.data as T }))
      .filter(({ fact, data }) => this.stands(fact.eventId, dateOf(data), asOf));
  }

  assessments(asOf: IsoDate) {
    return this.of<ContributionAssessed>('ContributionAssessed', (a) => a.assessedOn, asOf).filter(({ data }) => data.funds !== undefined);
  }

  charges(asOf: IsoDate) {
    return this.of<LateInterestCharged>('LateInterestCharged', (c) => c.to, asOf);
  }

  payments(asOf: IsoDate) {
    return this.of<ContributionCollected>('ContributionCollected', (c) => c.collectedOn, asOf)
      .filter(({ data }) => data.payer.kind === 'employer')
      .sort((a, b) => (a.data.collectedOn < b.data.collectedOn ? -1 : a.data.collectedOn > b.data.collectedOn ? 1 : a.fact.position - b.fact.position));
  }

  /**
   * What the employer owed on `asOf`: every standing assessment per period and fund (a payment in
   * advance settles a later assessment, as in the arrears query and the close), every standing charge
   * per fund from its close on, less the standing payments allocated in date order by
   * `allocatePayment` (the named period first, then the verified fund order, contributions before
   * their interest, FIFO). Interest receivables carry the month charged as their period.
   */
  standing(asOf: IsoDate): Standing {
    const owed = new Map<string, bigint>();
    const periodDue = new Map<IsoMonth, bigint>();
    for (const { data } of this.assessments(asOf)) {
      for (const fund of FUNDS) owed.set(key(data.period, fund, 'principal'), (owed.get(key(data.period, fund, 'principal')) ?? 0n) + BigInt(data.funds[fund]));
      periodDue.set(data.period, (periodDue.get(data.period) ?? 0n) + BigInt(data.due));
    }
    // Charged interest is owed from its close on: a payment made before the close cannot have paid it.
    const charges = this.charges(asOf).map(({ data }) => data).sort((a, b) => (a.closedOn < b.closedOn ? -1 : a.closedOn > b.closedOn ? 1 : 0));
    const chargeUpTo = (date: IsoDate | undefined) => {
      while (charges.length > 0 && (date === undefined || charges[0].closedOn <= date)) {
        const charge = charges.shift()!;
        for (const fund of FUNDS) owed.set(key(charge.month, fund, 'interest'), (owed.get(key(charge.month, fund, 'interest')) ?? 0n) + BigInt(charge.byFund[fund]));
      }
    };
    const payments: NoticePayment[] = [];
    const settledOn = new Map<IsoMonth, IsoDate>();
    let credit = 0n;
    for (const { fact, data } of this.payments(asOf)) {
      chargeUpTo(data.collectedOn);
      const receivables: Receivable[] = [...owed.entries()].map(([k, amount]) => {
        const [kind, period, fund] = k.split('/') as [Receivable['kind'], IsoMonth, Fund];
        return { period, fund, kind, amount: amount.toString() };
      });
      const named = data.payer.kind === 'employer' ? data.payer.period : undefined;
      const allocation = allocatePayment({ amount: data.amount, paidOn: data.collectedOn, ...(named ? { period: named } : {}) }, receivables);
      for (const line of allocation.lines) {
        const k = key(line.period, line.fund, line.kind);
        owed.set(k, owed.get(k)! - BigInt(line.amount));
        if (line.kind === 'principal') periodDue.set(line.period, periodDue.get(line.period)! - BigInt(line.amount));
        if (line.kind === 'principal' && periodDue.get(line.period) === 0n && !settledOn.has(line.period)) settledOn.set(line.period, data.collectedOn);
      }
      credit += BigInt(allocation.unallocated);
      payments.push({ eventId: fact.eventId, receiptNo: data.receiptNo, collectedOn: data.collectedOn, amount: data.amount, allocation: allocation.lines, unallocated: allocation.unallocated });
    }
    chargeUpTo(undefined);
    return { owed, credit, payments, settledOn };
  }
}

function balanceOf(standing: Standing): NoticeBalance & { principalFunds: Record<Fund, bigint>; interestFunds: Record<Fund, bigint> } {
  const principalFunds = emptyFunds();
  const interestFunds = emptyFunds();
  for (const [k, amount] of standing.owed) {
    const [kind, , fund] = k.split('/') as [Receivable['kind'], IsoMonth, Fund];
    (kind === 'principal' ? principalFunds : interestFunds)[fund] += amount;
  }
  const principal = asAmounts(principalFunds);
  const interest = asAmounts(interestFunds);
  const total = (BigInt(principal.total) + BigInt(interest.total) - standing.credit).toString();
  return { principal, interest, credit: standing.credit.toString(), total, principalFunds, interestFunds };
}

export interface NoticeInput {
  unitCode: string;
  name: string;
  areaCode: string;
  month: IsoMonth;
  facts: readonly NoticeFact[];
}

/**
 * The monthly notice from the employer's own stream. The balances on the eve of the month and on its
 * last day are each settled afresh from the facts standing then, so a reversal dated in the month
 * (of an assessment, a payment, a charge) shows as an adjustment, and the notice always adds up:
 * closing = opening + assessed + adjustments + interest charged − paid, per fund.
 */
export function buildNotice(input: NoticeInput): EmployerNotice {
  const from = firstDayOf(input.month);
  const to = lastDayOf(input.month);
  const eve = addDays(from, -1);
  const log = new EmployerLog(input.facts);
  const opening = balanceOf(log.standing(eve));
  const closingStanding = log.standing(to);
  const closing = balanceOf(closingStanding);
  const inMonth = (date: IsoDate) => date >= from && date <= to;

  const assessedFunds = emptyFunds();
  const assessedPeriods: EmployerNotice['assessed']['periods'] = [];
  const items: NoticeAdjustment[] = [];
  for (const { fact, data } of log.assessments(to).filter(({ data }) => inMonth(data.assessedOn))) {
    for (const fund of FUNDS) assessedFunds[fund] += BigInt(data.funds[fund]);
    assessedPeriods.push({ eventId: fact.eventId, period: data.period, assessedOn: data.assessedOn, dueDate: data.dueDate, amount: data.due });
    // A period assessed after its own due date is a back-dated assessment (truy thu): listed, counted as assessed.
    if (data.dueDate < data.assessedOn) items.push({ eventId: fact.eventId, on: data.assessedOn, effect: 'back-dated-assessment', detail: data.period, amount: data.due });
  }

  const chargedFunds = emptyFunds();
  const charges: EmployerNotice['interestCharged']['charges'] = [];
  for (const { fact, data } of log.charges(to).filter(({ data }) => data.month === input.month)) {
    for (const fund of FUNDS) chargedFunds[fund] += BigInt(data.byFund[fund]);
    charges.push({ eventId: fact.eventId, month: data.month, from: data.from ?? null, to: data.to, total: data.total });
  }

  const paidPrincipal = emptyFunds();
  const paidInterest = emptyFunds();
  const payments = closingStanding.payments.filter((p) => inMonth(p.collectedOn));
  for (const payment of payments) {
    for (const line of payment.allocation) (line.kind === 'principal' ? paidPrincipal : paidInterest)[line.fund] += BigInt(line.amount);
  }

  const amountOf = new Map(input.facts.map((fact) => [fact.eventId, fact]));
  for (const fact of input.facts.filter((f) => f.type === 'EntryReversed')) {
    const reversal = fact.data as EntryReversed;
    if (!inMonth(reversal.reversedOn)) continue;
    const reversed = amountOf.get(reversal.eventId);
    if (!reversed) continue;
    const adjustment = reversedAdjustment(reversed);
    if (adjustment) items.push({ eventId: fact.eventId, on: reversal.reversedOn, ...adjustment });
  }

  const residual = (closingFunds: Record<Fund, bigint>, openingFunds: Record<Fund, bigint>, added: Record<Fund, bigint>, paid: Record<Fund, bigint>) => {
    const out = emptyFunds();
    for (const fund of FUNDS) out[fund] = closingFunds[fund] - openingFunds[fund] - added[fund] + paid[fund];
    return asAmounts(out);
  };

  const lateInterest = BigInt(closing.interest.total);
  const latePeriods = latePeriodsOf(closingStanding, log, to);
  const latePrincipal = latePeriods.reduce((sum, p) => sum + BigInt(p.amount), 0n);
  const reminders = log.of<EmployerReminded>('EmployerReminded', (r) => r.sentOn, to).map(({ data }) => ({ reminderRef: data.reminderRef, sentOn: data.sentOn, amountLate: data.amountLate }));
  const forceMajeure = log.of<ForceMajeureRecorded>('ForceMajeureRecorded', (f) => f.from, to).map(({ data }) => data);
  const periods = log.assessments(to).map(({ data }) => ({ period: data.period, dueDate: data.dueDate, ...(closingStanding.settledOn.has(data.period) ? { settledOn: closingStanding.settledOn.get(data.period)! } : {}) }));
  const finding = evasionOn({ periods, reminders, forceMajeure, asOf: to });

  const strip = ({ principalFunds: _p, interestFunds: _i, ...balance }: ReturnType<typeof balanceOf>): NoticeBalance => balance;
  return {
    unitCode: input.unitCode,
    name: input.name,
    areaCode: input.areaCode,
    month: input.month,
    from,
    to,
    opening: strip(opening),
    assessed: { byFund: asAmounts(assessedFunds), periods: assessedPeriods },
    adjustments: {
      principal: residual(closing.principalFunds, opening.principalFunds, assessedFunds, paidPrincipal),
      interest: residual(closing.interestFunds, opening.interestFunds, chargedFunds, paidInterest),
      items: items.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0)),
    },
    paid: {
      amount: payments.reduce((sum, p) => sum + BigInt(p.amount), 0n).toString(),
      principal: asAmounts(paidPrincipal),
      interest: asAmounts(paidInterest),
      payments,
    },
    interestCharged: { byFund: asAmounts(chargedFunds), charges },
    closing: strip(closing),
    lateAmount: { principal: latePrincipal.toString(), interest: lateInterest.toString(), total: (latePrincipal + lateInterest).toString(), periods: latePeriods },
    reminders,
    evasion: finding ? { since: finding.since, reminderRef: finding.reminderRef, period: finding.period, basis: finding.basis } : null,
  };
}

function reversedAdjustment(reversed: NoticeFact): Pick<NoticeAdjustment, 'effect' | 'detail' | 'amount'> | undefined {
  if (reversed.type === 'ContributionAssessed') {
    const data = reversed.data as ContributionAssessed;
    return { effect: 'assessment-reversed', detail: data.period, amount: data.due };
  }
  if (reversed.type === 'ContributionCollected') {
    const data = reversed.data as ContributionCollected;
    return { effect: 'payment-reversed', detail: data.receiptNo, amount: data.amount };
  }
  if (reversed.type === 'LateInterestCharged') {
    const data = reversed.data as LateInterestCharged;
    return { effect: 'charge-reversed', detail: data.month, amount: data.total };
  }
  return undefined;
}

/** Contributions still owed on `to` of periods whose due date is before it (the arrears query's "overdue"). */
function latePeriodsOf(standing: Standing, log: EmployerLog, to: IsoDate): EmployerNotice['lateAmount']['periods'] {
  const dueDates = new Map(log.assessments(to).map(({ data }) => [data.period, data.dueDate]));
  const owedByPeriod = new Map<IsoMonth, bigint>();
  for (const [k, amount] of standing.owed) {
    const [kind, period] = k.split('/') as [Receivable['kind'], IsoMonth];
    if (kind === 'principal') owedByPeriod.set(period, (owedByPeriod.get(period) ?? 0n) + amount);
  }
  return [...owedByPeriod.entries()]
    .filter(([period, amount]) => amount > 0n && dueDates.get(period)! < to)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([period, amount]) => ({ period, dueDate: dueDates.get(period)!, amount: amount.toString() }));
}
