import { compact, normaliseText } from './normalise.js';
import type { PersonPayer } from './person-match.js';

/** Who may pay into a collection account: an employer, or a voluntary or household payer. */
export interface Payer {
  unitCode: string;
  taxCode?: string;
  names: string[];
  /** Counterparty accounts earlier credits from this payer came from. */
  accounts?: string[];
}

/** The directory indexed the ways a transfer text can name a payer. */
export interface PayerIndex {
  byUnitCode: Map<string, Payer>;
  byTaxCode: Map<string, Payer>;
  byAccount: Map<string, Payer[]>;
  byName: Map<string, Payer[]>;
  /** Lengths of the unit codes, longest first, to bound the token joins tried. */
  longestCode: number;
  /** Each code and each code less one character, to find a code mistyped by one character. */
  byNearCode: Map<string, Payer[]>;
  /** The shapes of the unit codes (letters as A, digits as 9): what a code written in a transfer looks like. */
  codeShapes: Set<string>;
  /** Their lengths, to pass over most tokens before working out a shape. */
  codeLengths: Set<number>;
  /** Voluntary and household payers by their 10-digit BHXH number. */
  byPersonId: Map<string, PersonPayer>;
}

/** A code's shape: `TA0100A` → `AA9999A`. A token of a directory code's shape that is no payer's is an unregistered code. */
export function codeShape(code: string): string {
  return code.replace(/[A-Z]/g, 'A').replace(/[0-9]/g, '9');
}

/** A text and every text made from it by deleting one character (the symmetric-delete neighbourhood). */
export function oneDeleted(text: string): string[] {
  const out = new Set([text]);
  for (let i = 0; i < text.length; i++) out.add(text.slice(0, i) + text.slice(i + 1));
  return [...out];
}

export function indexPayers(payers: readonly Payer[], persons: readonly PersonPayer[] = []): PayerIndex {
  const index: PayerIndex = {
    byUnitCode: new Map(), byTaxCode: new Map(), byAccount: new Map(), byName: new Map(), longestCode: 0, byNearCode: new Map(), codeShapes: new Set(), codeLengths: new Set(),
    byPersonId: new Map(persons.map((person) => [person.personId, person])),
  };
  const push = <K>(map: Map<K, Payer[]>, key: K, payer: Payer) => map.set(key, [...(map.get(key) ?? []), payer]);
  for (const payer of payers) {
    const code = compact(payer.unitCode);
    index.byUnitCode.set(code, payer);
    index.longestCode = Math.max(index.longestCode, code.length);
    index.codeShapes.add(codeShape(code));
    index.codeLengths.add(code.length);
    for (const near of oneDeleted(code)) push(index.byNearCode, near, payer);
    if (payer.taxCode) index.byTaxCode.set(compact(payer.taxCode), payer);
    // Every matched credit teaches its account again: the same account twice is still one payer, not two.
    for (const account of new Set((payer.accounts ?? []).map(compact))) push(index.byAccount, account, payer);
    for (const name of payer.names) push(index.byName, normaliseText(name), payer);
  }
  return index;
}
