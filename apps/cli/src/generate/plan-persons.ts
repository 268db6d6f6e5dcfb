import { addDays, addMonths, monthOf, type Benefit, type IsoDate, type IsoMonth, type PayoutChannel } from '#domain';
import { areaOn, provinceOn } from './areas.js';
import { dayIn } from './build-world.js';
import type { Planning } from './planning.js';
import { benefitAdjustmentPerMille, householdHealthAmount, raise, voluntaryAmount } from './rules.js';
import type { Person } from './world.js';

/** The same day a year later; card days are never past the 28th, so it always exists. */
const sameDayNextYear = (date: IsoDate): IsoDate => `${Number(date.slice(0, 4)) + 1}${date.slice(4)}`;

function planBook(planning: Planning, person: Person, issuedOn: IsoDate): void {
  person.hasBook = true;
  planning.agenda.add(issuedOn, () => ({ command: 'IssueBook', data: { personId: person.personId, areaCode: areaOn(person.areaCode, issuedOn), issuedOn } }));
}

/**
 * A card runs twelve months; the renewal is issued up to three weeks ahead and starts the day after
 * the previous one ends, so one person's cards never overlap. A few people do not renew.
 */
function planCard(planning: Planning, person: Person, month: IsoMonth): void {
  const card = person.card;
  if (!card || monthOf(card.nextIssuedOn) !== month || person.withdrawn) return;
  const { random } = planning;
  const validFrom = card.nextFrom;
  const validTo = addDays(sameDayNextYear(validFrom), -1);
  const issuedOn = card.nextIssuedOn;
  // A card issued from 2025-07-01 carries the province in force that day (44 for a card of old 45).
  const cardNo = `${card.group}${card.level}${provinceOn(person.provinceCode, issuedOn)}${person.personId}`;
  planning.agenda.add(issuedOn, () => ({
    command: 'IssueCard',
    data: { cardNo, personId: person.personId, areaCode: areaOn(person.areaCode, issuedOn), validFrom, validTo, issuedOn },
  }));
  card.nextFrom = sameDayNextYear(validFrom);
  card.nextIssuedOn = addDays(card.nextFrom, -random.int(1, 20));
  if (random.chance(30)) person.card = undefined;
}

/** Reference codes of payment lists by benefit (chi trả): unique with the month and the person. */
const PAYMENT_CODES: Record<Benefit, string> = {
  pension: 'HT', survivor: 'TT', 'work-accident': 'LD', sickness: 'OD', maternity: 'TS', 'one-off': 'ML', unemployment: 'TN',
};

function planBenefit(planning: Planning, person: Person, benefit: Benefit, amount: bigint, channel: PayoutChannel, paidOn: IsoDate): void {
  const payoutMonth = monthOf(paidOn);
  const paymentRef = `${PAYMENT_CODES[benefit]}-${payoutMonth.replace('-', '')}-${person.personId}`;
  planning.agenda.add(paidOn, () => ({
    command: 'PayBenefit',
    data: { paymentRef, personId: person.personId, benefit, payoutMonth, amount: amount.toString(), channel, areaCode: areaOn(person.areaCode, paidOn), paidOn },
  }));
}

function planMonthlyBenefit(planning: Planning, person: Person, month: IsoMonth): void {
  const adjustment = benefitAdjustmentPerMille(month);
  if (adjustment && person.joinMonth < month) person.monthlyAmount = raise(person.monthlyAmount!, adjustment);
  planBenefit(planning, person, person.benefit!, person.monthlyAmount!, person.channel!, `${month}-${String(person.payday).padStart(2, '0')}`);
}

const ONE_OFF_CHANNELS: { value: PayoutChannel; weight: number }[] = [
  { value: 'bank-account', weight: 70 },
  { value: 'post-office-cash', weight: 25 },
  { value: 'office', weight: 5 },
];

/** Employees now and then fall sick, have a child, lose their job, or withdraw their insurance at once. */
function planEmployeeBenefits(planning: Planning, person: Person, month: IsoMonth): void {
  const { random } = planning;
  const salary = person.salary!;
  if (person.unemploymentMonthsLeft) {
    person.unemploymentMonthsLeft -= 1;
    planBenefit(planning, person, 'unemployment', person.unemploymentAmount!, 'bank-account', dayIn(random, month, 10, 20));
    return;
  }
  if (random.chance(10)) {
    planBenefit(planning, person, 'sickness', BigInt(random.int(3_000, 40_000)) * 100n, random.weighted(ONE_OFF_CHANNELS), dayIn(random, month, 10, 28));
  } else if (random.chance(2)) {
    planBenefit(planning, person, 'maternity', salary * 6n, random.weighted(ONE_OFF_CHANNELS), dayIn(random, month, 5, 28));
  } else if (random.chance(2)) {
    // Unemployment benefit: 60 % of the average salary, for three to six months from next month (Luật Việc làm art. 50).
    person.unemploymentMonthsLeft = random.int(3, 6);
    person.unemploymentAmount = (salary * 60n) / 100n;
  } else if (random.chance(1)) {
    person.withdrawn = true;
    planBenefit(planning, person, 'one-off', (salary * BigInt(random.int(15, 150))) / 10n, random.weighted(ONE_OFF_CHANNELS), dayIn(random, month, 5, 28));
  }
}

/**
 * Voluntary and household contributors pay for one, three, six or twelve months at a time, in the
 * first month the payment covers. A few stop paying. A newcomer's book is issued with the first payment.
 */
function planContribution(planning: Planning, person: Person, month: IsoMonth): void {
  if (person.nextCoverFrom !== month) return;
  const { random, references } = planning;
  const months = person.cycleMonths!;
  const collectedOn = dayIn(random, month, 3, 25);
  const voluntary = person.kind === 'voluntary';
  if (voluntary && !person.hasBook) planBook(planning, person, collectedOn);
  const amount = voluntary ? voluntaryAmount(person.income!, months) : householdHealthAmount(collectedOn, months);
  const coverTo = addMonths(month, months - 1);
  planning.agenda.add(collectedOn, () => ({
    command: 'CollectContribution',
    data: {
      receiptNo: references.receipt(month),
      payer: {
        kind: 'person',
        personId: person.personId,
        scheme: voluntary ? 'voluntary-social-insurance' : 'household-health-insurance',
        coverFrom: month,
        coverTo,
      },
      amount: amount.toString(),
      collectedOn,
      areaCode: areaOn(person.areaCode, collectedOn),
    },
  }));
  person.nextCoverFrom = random.chance(30) ? undefined : addMonths(month, months);
}

export function planPersons(planning: Planning, month: IsoMonth): void {
  for (const person of planning.world.persons) {
    if (person.joinMonth > month) continue;
    if (person.kind === 'employee' && !person.hasBook && person.card) planBook(planning, person, person.card.nextIssuedOn);
    planCard(planning, person, month);
    if (person.kind === 'beneficiary') planMonthlyBenefit(planning, person, month);
    else if (person.kind === 'employee' && !person.withdrawn && person.joinMonth < month) planEmployeeBenefits(planning, person, month);
    else if (person.kind === 'voluntary' || person.kind === 'household') planContribution(planning, person, month);
  }
}
