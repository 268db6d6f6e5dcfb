import { loadBankAccounts, type BankAccount } from '#ledger';
import { EVERY_AREA } from '#runtime';
import type { AreaRule } from '../auth/index.js';

let accounts: Map<string, BankAccount> | undefined;

/** The office's collection accounts (reference-data/bank-accounts.csv or SOCAI_BANK_ACCOUNTS_FILE), read once. */
export function bankAccounts(): Map<string, BankAccount> {
  accounts ??= loadBankAccounts();
  return accounts;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const areaOfAccount = (account: unknown): string[] => {
  const found = text(account) === undefined ? undefined : bankAccounts().get(text(account)!);
  return found ? [found.areaCode] : [];
};

/** Who may touch an account's money: keys of the account's area. An unknown account names no area; the route refuses it. */
export const BankAreaOf = {
  accountQuery: ((request) => areaOfAccount((request.query as Record<string, unknown>)?.account)) as AreaRule,
  accountParam: ((request) => areaOfAccount(request.params?.account)) as AreaRule,
  /** `area` if given, else every area (only a `*` key lists every area's accounts). */
  areaQuery: ((request) => {
    const area = text(((request.query ?? {}) as Record<string, unknown>).area);
    return [area ?? EVERY_AREA];
  }) as AreaRule,
  /** `area` if given, else the account's area, else every area (only a `*` key lists every account's credits). */
  listing: ((request) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    if (text(query.area)) return [text(query.area)!];
    const ofAccount = areaOfAccount(query.account);
    return ofAccount.length ? ofAccount : [EVERY_AREA];
  }) as AreaRule,
  /** A credit's area, as its BankCreditReceived names it. */
  creditParam: (async (request, { store }) => {
    const id = text(request.params?.id);
    const event = id ? await store.findEvent(id) : undefined;
    const areaCode = event?.type === 'BankCreditReceived' ? text((event.data as { areaCode?: unknown }).areaCode) : undefined;
    return areaCode ? [areaCode] : [];
  }) as AreaRule,
};
