import { compact, normaliseText } from './normalise.js';
import { codeShape, oneDeleted, type Payer, type PayerIndex } from './payer-directory.js';
import { periodsIn } from './period.js';
import { coverFor, personNumbersIn, type PersonScheme } from './person-match.js';

export interface CreditText {
  description: string;
  counterpartyName?: string;
  counterpartyAccount?: string;
  /** The credit's amount: a person's transfer is counted in months of their latest collection. */
  amount?: string;
}

/** A payer the credit may come from: an employer by unit code, or a person by BHXH number. */
export type Candidate = { unitCode: string; reason: string } | { personId: string; reason: string };

export type MatchResult =
  | { kind: 'matched'; unitCode: string; period?: string; reason: string }
  | { kind: 'matched-person'; personId: string; scheme: PersonScheme; coverFrom: string; coverTo: string; reason: string }
  | { kind: 'ambiguous'; candidates: Candidate[] }
  | { kind: 'unknown' };

// Words that introduce a code and are sometimes glued to it: "MDVTA0100A" is read as TA0100A.
const CODE_PREFIXES = ['MADV', 'MDV', 'MADONVI', 'DV', 'BHXH', 'MST', 'MASOTHUE'];

/**
 * Decides which payer a credit comes from, using only what is certain enough to book without a clerk:
 * a unit code or tax code in the text, or a counterparty account earlier credits came from. Two
 * payers named (two employers in one transfer), or signals that disagree, are ambiguous; a name alone
 * is only a suggestion. An automatic match must never be wrong, so anything less goes to suspense.
 */
export function matchCredit(credit: CreditText, index: PayerIndex): MatchResult {
  const tokens = normaliseText([credit.description, credit.counterpartyName ?? ''].join(' ')).split(' ').filter(Boolean);
  const named = payersNamedIn(tokens, index);
  const fromAccount = credit.counterpartyAccount ? (index.byAccount.get(compact(credit.counterpartyAccount)) ?? []) : [];
  const periods = periodsIn(credit.description);
  const period = periods.length === 1 ? { period: periods[0] } : {};
  const persons = personNumbersIn(tokens, index.byPersonId);
  if (persons.length) {
    const personCandidates = persons.map((p) => ({ personId: p.personId, reason: `BHXH number ${p.personId} in the transfer text` }));
    // A person named with an employer (by code or by the account it pays from), or two persons: the clerk decides.
    const employers = [...named].map(([unitCode, reason]) => ({ unitCode, reason }));
    const accounts = fromAccount.map((p) => ({ unitCode: p.unitCode, reason: 'known counterparty account' }));
    if (persons.length > 1 || employers.length || accounts.length) return { kind: 'ambiguous', candidates: [...employers, ...accounts, ...personCandidates] };
    const cover = coverFor(persons[0], credit.amount);
    const reason = personCandidates[0].reason;
    if ('problem' in cover) return { kind: 'ambiguous', candidates: [{ personId: persons[0].personId, reason: `${reason}; ${cover.problem}` }] };
    return { kind: 'matched-person', ...cover, reason: `${reason}; ${cover.coverFrom}..${cover.coverTo} at the monthly amount of the latest ${cover.scheme} collection` };
  }
  if (named.size > 1) {
    return { kind: 'ambiguous', candidates: [...named].map(([unitCode, reason]) => ({ unitCode, reason })) };
  }
  if (named.size === 1) {
    const [[unitCode, reason]] = [...named];
    // A second code that is no payer of this account may be a second employer paid in the same
    // transfer (a sister company registered elsewhere): booking the whole amount to the one known
    // would be wrong, so the clerk decides (docs/decisions.md, "A second, unregistered code").
    const unregistered = unregisteredCodesIn(tokens, index, unitCode);
    if (unregistered.length) {
      return { kind: 'ambiguous', candidates: [{ unitCode, reason: `${reason}; ${unregistered.join(', ')} also named, not a payer of this account` }] };
    }
    const others = fromAccount.filter((p) => p.unitCode !== unitCode);
    if (others.length && !fromAccount.some((p) => p.unitCode === unitCode)) {
      return {
        kind: 'ambiguous',
        candidates: [{ unitCode, reason }, ...others.map((p) => ({ unitCode: p.unitCode, reason: 'known counterparty account' }))],
      };
    }
    return { kind: 'matched', unitCode, ...period, reason: withPeriods(reason, periods) };
  }
  if (fromAccount.length === 1) {
    return { kind: 'matched', unitCode: fromAccount[0].unitCode, ...period, reason: withPeriods(`known counterparty account ${credit.counterpartyAccount}`, periods) };
  }
  if (fromAccount.length > 1) {
    return { kind: 'ambiguous', candidates: fromAccount.map((p) => ({ unitCode: p.unitCode, reason: 'known counterparty account' })) };
  }
  const byName = credit.counterpartyName ? (index.byName.get(normaliseText(credit.counterpartyName)) ?? []) : [];
  // A code one keystroke off names a payer only when the counterparty's name is that payer's too:
  // two independent signals that agree, where either alone could be someone else. Names repeat in a
  // province (two "Công ty TNHH Vận tải Hải Đăng"), codes near a typo too, but exactly one payer both
  // one keystroke from the code written and of the counterparty's name is the payer.
  const near = nearCodesIn(tokens, index);
  const agreeing = byName.filter((p) => near.has(p.unitCode));
  if (agreeing.length === 1) {
    const { unitCode } = agreeing[0];
    const written = near.get(unitCode)!;
    return { kind: 'matched', unitCode, ...period, reason: withPeriods(`unit code ${unitCode} mistyped as ${written}; the counterparty name agrees`, periods) };
  }
  if (byName.length) return { kind: 'ambiguous', candidates: byName.map((p) => ({ unitCode: p.unitCode, reason: 'counterparty name only' })) };
  return { kind: 'unknown' };
}

function withPeriods(reason: string, periods: string[]): string {
  if (periods.length > 1) return `${reason}; several periods named (${periods.join(', ')}), none taken`;
  return reason;
}

/** Unit codes and tax codes of the directory found in the text, by unit code, with how each was found. */
function payersNamedIn(tokens: readonly string[], index: PayerIndex): Map<string, string> {
  const found = new Map<string, string>();
  const note = (payer: Payer, reason: string) => {
    if (!found.has(payer.unitCode)) found.set(payer.unitCode, reason);
  };
  for (let i = 0; i < tokens.length; i++) {
    // A code broken by spaces or dashes ("TA 0100A", "TA-0100-A") is the join of up to three tokens.
    let joined = '';
    for (let j = i; j < Math.min(tokens.length, i + 3); j++) {
      joined += tokens[j];
      if (joined.length > index.longestCode + 'MASOTHUE'.length) break;
      const unit = index.byUnitCode.get(joined) ?? index.byUnitCode.get(withoutPrefix(joined));
      if (unit) note(unit, `unit code ${unit.unitCode} in the transfer text`);
    }
    // A tax code is ten digits, a branch's thirteen ("0101234567-001", "0101234567001", "MST0101234567").
    const bare = tokens[i].replace(/^(MST|MASOTHUE)(?=[0-9])/, '');
    const branchSuffix = /^[0-9]{10}$/.test(bare) && /^[0-9]{3}$/.test(tokens[i + 1] ?? '') ? tokens[i + 1] : '';
    const tax = (branchSuffix && index.byTaxCode.get(bare + branchSuffix)) || (/^[0-9]{10}([0-9]{3})?$/.test(bare) ? index.byTaxCode.get(bare) : undefined);
    if (tax) note(tax, `tax code ${tax.taxCode} in the transfer text`);
  }
  return found;
}

/** Payers whose code is one edit (a typo, a dropped or doubled character) from a code-like token. */
function nearCodesIn(tokens: readonly string[], index: PayerIndex): Map<string, string> {
  const near = new Map<string, string>();
  for (let i = 0; i < tokens.length; i++) {
    let joined = '';
    for (let j = i; j < Math.min(tokens.length, i + 3); j++) {
      joined += tokens[j];
      if (joined.length > index.longestCode + 1) break;
      // Only what looks like a code: letters then digits, at least five characters.
      if (joined.length < 5 || !/^[A-Z]{1,4}[0-9O]/.test(joined) || !/[0-9]/.test(joined)) continue;
      for (const variant of oneDeleted(joined)) {
        for (const payer of index.byNearCode.get(variant) ?? []) if (!near.has(payer.unitCode)) near.set(payer.unitCode, tokens.slice(i, j + 1).join(' '));
      }
    }
  }
  return near;
}

/**
 * Tokens (or joins of up to three, as codes are written broken) shaped like the directory's unit codes
 * that name none of its payers. One keystroke from the named code is that code typed twice, not a second one.
 */
function unregisteredCodesIn(tokens: readonly string[], index: PayerIndex, namedCode: string): string[] {
  const named = new Set(oneDeleted(compact(namedCode)));
  const found = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    let joined = '';
    for (let j = i; j < Math.min(tokens.length, i + 3); j++) {
      joined += tokens[j];
      if (joined.length > index.longestCode + 'MASOTHUE'.length) break;
      for (const candidate of new Set([joined, withoutPrefix(joined)])) {
        if (!index.codeLengths.has(candidate.length) || index.byUnitCode.has(candidate) || !index.codeShapes.has(codeShape(candidate))) continue;
        if (oneDeleted(candidate).some((variant) => named.has(variant))) continue;
        found.add(candidate);
      }
    }
  }
  return [...found];
}

function withoutPrefix(token: string): string {
  const prefix = CODE_PREFIXES.find((p) => token.startsWith(p) && token.length > p.length);
  return prefix ? token.slice(prefix.length) : token;
}
