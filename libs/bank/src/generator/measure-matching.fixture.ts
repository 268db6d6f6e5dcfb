import { BankDec } from '../amount.js';
import { matchCredit } from '../matching/match-credit.js';
import { indexPayers } from '../matching/payer-directory.js';
import type { GeneratedProvince } from './generate-statement.js';

export interface MatchingScore {
  credits: { count: number; amount: string };
  matched: { count: number; amount: string };
  wrong: number;
  /** Matched amount over credited amount, in per cent to two places. */
  sharePercent: string;
  byKind: Record<string, { count: number; matched: number; ambiguous: number; unknown: number }>;
}

/** Runs the matcher over a generated province and scores it against what each credit really is. */
export function scoreMatching(province: GeneratedProvince): MatchingScore {
  const index = indexPayers(province.payers);
  let total = new BankDec(0);
  let matchedAmount = new BankDec(0);
  let matchedCount = 0;
  let wrong = 0;
  const byKind: MatchingScore['byKind'] = {};
  for (const credit of province.credits) {
    const result = matchCredit(credit.line, index);
    const row = (byKind[credit.kind] ??= { count: 0, matched: 0, ambiguous: 0, unknown: 0 });
    row.count++;
    total = total.plus(credit.line.amount);
    if (result.kind === 'matched') {
      // Wrong: booked to a payer the money is not from, or booked at all when no single payer of the province sent it.
      if (result.unitCode !== credit.unitCode) wrong++;
      else {
        row.matched++;
        matchedCount++;
        matchedAmount = matchedAmount.plus(credit.line.amount);
      }
    } else if (result.kind === 'ambiguous') row.ambiguous++;
    else row.unknown++;
  }
  return {
    credits: { count: province.credits.length, amount: total.toFixed(0) },
    matched: { count: matchedCount, amount: matchedAmount.toFixed(0) },
    wrong,
    sharePercent: matchedAmount.times(100).dividedBy(total).toFixed(2, BankDec.ROUND_DOWN),
    byKind,
  };
}
