import { BankDec } from '../amount.js';

export type PersonScheme = 'voluntary-social-insurance' | 'household-health-insurance';

/** A person's latest own collection of one scheme: what an unmarked transfer of theirs most likely renews. */
export interface PersonCollection {
  scheme: PersonScheme;
  amount: string;
  coverFrom: string;
  coverTo: string;
}

/** A voluntary or household payer the ledger knows, by their 10-digit BHXH number. */
export interface PersonPayer {
  personId: string;
  /** The latest collection of each scheme the person paid (at most one per scheme). */
  latest: PersonCollection[];
}

export interface PersonCover {
  personId: string;
  scheme: PersonScheme;
  coverFrom: string;
  coverTo: string;
}

// Words written before a BHXH number and sometimes glued to it: "BHXH9512345678", "MASO9512345678".
const NUMBER_PREFIXES = /^(MASOBHXH|MASO|MSBHXH|BHXH|BHYT|MS|SO)(?=[0-9])/;

/**
 * The known persons' BHXH numbers in a normalised text: ten digits, in one token or in digit groups
 * ("95 1234 5678", "95-1234-5678"), possibly glued to a word before them ("BHXH9512345678").
 */
export function personNumbersIn(tokens: readonly string[], byPersonId: ReadonlyMap<string, PersonPayer>): PersonPayer[] {
  const found = new Map<string, PersonPayer>();
  for (let i = 0; i < tokens.length; i++) {
    let joined = tokens[i].replace(NUMBER_PREFIXES, '');
    if (!/^[0-9]+$/.test(joined)) continue;
    // Joins stop at ten digits: a longer run (an account number) is not a BHXH number.
    for (let j = i + 1; joined.length < 10 && j < tokens.length && /^[0-9]+$/.test(tokens[j]); j++) joined += tokens[j];
    const person = joined.length === 10 ? byPersonId.get(joined) : undefined;
    if (person) found.set(person.personId, person);
  }
  return [...found.values()];
}

/**
 * The scheme and cover a person's transfer pays, taken from their latest collection of a scheme: the
 * months the amount buys at that collection's monthly amount, from the month after its cover. Only when
 * the amount is a whole multiple of exactly one scheme's monthly amount; otherwise the reason why not
 * (docs/decisions.md, "A person's transfer: scheme and cover from their latest collection").
 */
export function coverFor(person: PersonPayer, amount: string | undefined): PersonCover | { problem: string } {
  if (person.latest.length === 0) return { problem: 'no earlier voluntary or household collection to take the scheme and cover from' };
  if (amount === undefined) return { problem: 'no amount to count the months by' };
  const fits = person.latest.flatMap((latest) => {
    const monthly = new BankDec(latest.amount).div(monthsIn(latest.coverFrom, latest.coverTo));
    const months = new BankDec(amount).div(monthly);
    return months.isInteger() && months.gt(0) ? [{ latest, monthly, months: months.toNumber() }] : [];
  });
  if (fits.length === 1) {
    const { latest, months } = fits[0];
    const coverFrom = addMonth(latest.coverTo, 1);
    return { personId: person.personId, scheme: latest.scheme, coverFrom, coverTo: addMonth(coverFrom, months - 1) };
  }
  const monthlies = person.latest.map((l) => `${l.scheme} ${new BankDec(l.amount).div(monthsIn(l.coverFrom, l.coverTo)).toFixed()} a month`).join(', ');
  if (fits.length > 1) return { problem: `amount ${amount} is a whole number of months of more than one scheme (${monthlies})` };
  return { problem: `amount ${amount} is not a whole number of months at the latest collection's monthly amount (${monthlies})` };
}

function monthsIn(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm) + 1;
}

function addMonth(month: string, count: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
