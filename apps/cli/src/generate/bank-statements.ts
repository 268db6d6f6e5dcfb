import { BANK_MAPPINGS, indexPayers, matchCredit, SeededRandom, VIETCOMBANK, writeCamt053, writeStatementCsv, type Payer, type Statement, type StatementLine } from '#bank';
import type { Command, IsoMonth } from '#domain';
import { areaOn, provinceOn } from './areas.js';
import { OTHER_PROVINCE_PER_MILLE, TransferTexts, type DraftCredit, type Transfer } from './bank-transfers.js';
import type { Scenario } from './scenarios.js';
import type { Employer, World } from './world.js';

/** One of the office's collection accounts (reference-data/bank-accounts.csv). */
export interface CollectionAccount {
  account: string;
  areaCode: string;
  bank: string;
}

/** A file the generator writes beside the command file, its name relative to the statements' folder. */
export interface StatementFile {
  name: string;
  content: string;
}

/** Where `socai generate --bank-statements` puts what it writes, and the accounts it writes for. */
export interface BankStatementSink {
  accounts: readonly CollectionAccount[];
  write(file: StatementFile): void;
  /** Told what loading the statements must give, once the last month is written. */
  done?(expected: BankExpectation): void;
}

export interface Tally {
  count: number;
  amount: string;
}

/** What loading an account's statements month by month, after the command file, must give. */
export interface AccountExpectation {
  account: string;
  areaCode: string;
  months: number;
  credits: Tally;
  matched: Tally;
  suspense: Tally;
  /** Credits the matcher books to a payer they are not from: must be 0. */
  wrong: number;
  /** Matched amount over credited amount, per cent to two places, rounded down. */
  sharePercent: string;
  byKind: Record<string, { count: number; amount: string; matched: number; suspense: number }>;
  /** Each month's statement as `socai bank-statement import` reports it: new credits, matched, in suspense. */
  statements: { file: string; lines: number; credits: number; matched: number; suspense: number }[];
}

export interface BankExpectation {
  accounts: AccountExpectation[];
  /** Collections the ledger holds once everything is loaded: the command file's, plus the credits matched. */
  collections: { commandFile: string; matchedCredits: string; total: string };
}

interface AccountState {
  account: CollectionAccount;
  /** The employers the ledger will match this account's credits against. */
  employers: Employer[];
  transfers: Transfer[];
  /** Counterparty accounts the ledger has learnt from earlier statements' matches, by unit code. */
  learnt: Map<string, Set<string>>;
  balance: bigint;
  counts: { credits: bigint[]; matched: bigint[]; suspense: bigint[]; wrong: number; months: number };
  byKind: AccountExpectation['byKind'];
  statements: AccountExpectation['statements'];
}

/**
 * The bank side of a scenario (issue 24): employers of an area an office collection account serves pay
 * by transfer, so their collections leave the command file and arrive on the account's statements, one
 * camt.053 and one CSV export in the account's bank's layout per month. As each month closes, the
 * statement is written and the ledger's matcher is run over it exactly as `socai bank-statement import`
 * will (the payers of the area, the accounts learnt from earlier months' matches), so the generator can
 * say what loading the files must give and score the matcher against the truth.
 */
export class BankStatements {
  private readonly states: AccountState[];
  private readonly ofEmployer = new Map<string, AccountState | undefined>();
  private readonly texts: TransferTexts;
  private commandFileTotal = 0n;

  constructor(private readonly scenario: Scenario, world: World, private readonly sink: BankStatementSink) {
    this.texts = new TransferTexts(scenario.seed, new Set(world.employers.map((e) => e.unitCode)));
    this.states = sink.accounts.map((account) => ({
      account,
      employers: world.employers.filter((e) => knows(account, e)),
      transfers: [],
      learnt: new Map(),
      balance: BigInt(new SeededRandom(`${scenario.seed}/opening/${account.account}`).int(100, 900)) * 1_000_000n,
      counts: { credits: [0n, 0n], matched: [0n, 0n], suspense: [0n, 0n], wrong: 0, months: 0 },
      byKind: {},
      statements: [],
    }));
  }

  /** Takes the payment when an account serves the employer's area: the command file then leaves it out. */
  takes(transfer: Transfer): boolean {
    const state = this.stateOf(transfer.employer);
    if (!state) return false;
    state.transfers.push(transfer);
    return true;
  }

  /** Counts a collection the command file keeps, for the expected total. */
  written(command: Command): void {
    if (command.command === 'CollectContribution') this.commandFileTotal += BigInt(command.data.amount);
  }

  /** Writes each account's statement of the month and scores the matching of its credits. */
  closeMonth(month: IsoMonth): void {
    for (const state of this.states) {
      const random = new SeededRandom(`${this.scenario.seed}/bank/${state.account.account}/${month}`);
      const drafts = this.texts.draft(random, state.transfers);
      const others = Math.max(1, Math.round((state.transfers.length * OTHER_PROVINCE_PER_MILLE) / 1000));
      drafts.push(...this.texts.otherProvince(random, month, others));
      state.transfers = [];
      const fees = [0, 1].map((): DraftCredit['line'] => {
        const date = `${month}-${String(random.int(1, 28)).padStart(2, '0')}`;
        return { bookingDate: date, valueDate: date, amount: random.pick(['11000', '22000', '55000']), direction: 'debit', description: 'Phi quan ly tai khoan' };
      });
      const numbered = this.number(state, month, [...drafts.map((d) => ({ draft: d, line: d.line })), ...fees.map((line) => ({ draft: undefined, line }))]);
      const statement = this.statementOf(state, month, numbered.map((n) => n.line));
      const bank = Object.hasOwn(BANK_MAPPINGS, state.account.bank) ? state.account.bank : 'vietcombank';
      const file = `${state.account.account}/${month}.camt053.xml`;
      this.sink.write({ name: file, content: writeCamt053(statement) });
      this.sink.write({ name: `${state.account.account}/${month}.${bank}.csv`, content: writeStatementCsv(statement, BANK_MAPPINGS[bank] ?? VIETCOMBANK) });
      const matched = this.score(state, numbered.filter((n): n is { draft: DraftCredit; line: StatementLine } => n.draft !== undefined));
      state.statements.push({ file, lines: numbered.length, credits: drafts.length, matched, suspense: drafts.length - matched });
    }
  }

  /** Writes `expected.json`: what loading the command file, then the statements in month order, gives. */
  finish(): BankExpectation {
    const accounts = this.states.map((s) => expectationOf(s));
    const matched = this.states.reduce((sum, s) => sum + s.counts.matched[1], 0n);
    const expected: BankExpectation = {
      accounts,
      collections: { commandFile: this.commandFileTotal.toString(), matchedCredits: matched.toString(), total: (this.commandFileTotal + matched).toString() },
    };
    this.sink.write({ name: 'expected.json', content: `${JSON.stringify(expected, null, 2)}\n` });
    this.sink.done?.(expected);
    return expected;
  }

  private stateOf(employer: Employer): AccountState | undefined {
    if (!this.ofEmployer.has(employer.unitCode)) this.ofEmployer.set(employer.unitCode, this.states.find((s) => serves(s.account, employer)));
    return this.ofEmployer.get(employer.unitCode);
  }

  /** The bank numbers its entries in booking order: `FT` + year, month and a running number. */
  private number<T extends { line: DraftCredit['line'] }>(state: AccountState, month: IsoMonth, items: T[]): (T & { line: StatementLine })[] {
    const sorted = [...items].sort((a, b) => (a.line.bookingDate < b.line.bookingDate ? -1 : a.line.bookingDate > b.line.bookingDate ? 1 : 0));
    const prefix = `FT${month.slice(2, 4)}${month.slice(5, 7)}`;
    return sorted.map((item, i) => ({ ...item, line: { account: state.account.account, bankRef: `${prefix}${String(i + 1).padStart(6, '0')}`, ...item.line } }));
  }

  private statementOf(state: AccountState, month: IsoMonth, lines: StatementLine[]): Statement {
    const opening = state.balance;
    for (const l of lines) state.balance += l.direction === 'credit' ? BigInt(l.amount) : -BigInt(l.amount);
    const last = lastDay(month);
    return {
      header: {
        account: state.account.account,
        statementId: `STM-${state.account.account}-${month}`,
        opening: { amount: opening.toString(), date: `${month}-01` },
        closing: { amount: state.balance.toString(), date: last },
      },
      lines,
    };
  }

  /**
   * The ledger's matching of one import: the area's payers with the accounts learnt from earlier
   * imports (one import's matches teach the next, not itself), each credit matched on its own.
   */
  private score(state: AccountState, credits: { draft: DraftCredit; line: StatementLine }[]): number {
    const payers: Payer[] = state.employers.map((e) => ({
      unitCode: e.unitCode,
      ...(e.taxCode ? { taxCode: e.taxCode } : {}),
      names: [e.name],
      accounts: [...(state.learnt.get(e.unitCode) ?? [])],
    }));
    const index = indexPayers(payers);
    const learnt: [string, string][] = [];
    let matched = 0;
    const { counts } = state;
    counts.months++;
    for (const { draft, line } of credits) {
      const amount = BigInt(line.amount);
      const row = (state.byKind[draft.kind] ??= { count: 0, amount: '0', matched: 0, suspense: 0 });
      row.count++;
      row.amount = (BigInt(row.amount) + amount).toString();
      add(counts.credits, amount);
      const result = matchCredit(line, index);
      if (result.kind === 'matched') {
        row.matched++;
        matched++;
        add(counts.matched, amount);
        if (result.unitCode !== draft.unitCode) counts.wrong++;
        if (line.counterpartyAccount) learnt.push([result.unitCode, line.counterpartyAccount]);
      } else {
        row.suspense++;
        add(counts.suspense, amount);
      }
    }
    for (const [unitCode, account] of learnt) {
      const known = state.learnt.get(unitCode) ?? new Set<string>();
      known.add(account);
      state.learnt.set(unitCode, known);
    }
    return matched;
  }
}

/** An account serves its area: a province's account every employer of the province, a district's its own. */
function serves(account: CollectionAccount, employer: Employer): boolean {
  return account.areaCode === employer.provinceCode || account.areaCode === employer.areaCode;
}

/**
 * The ledger matches an account's credits against the employers registered within its area, by the
 * area their registration names: one registered in a commune after 2025-07-01 is the successor
 * province's, not the abolished one's whose account it may still pay into.
 */
function knows(account: CollectionAccount, employer: Employer): boolean {
  return account.areaCode === provinceOn(employer.provinceCode, employer.registeredOn) || account.areaCode === areaOn(employer.areaCode, employer.registeredOn);
}

function add(tally: bigint[], amount: bigint): void {
  tally[0]++;
  tally[1] += amount;
}

function expectationOf(state: AccountState): AccountExpectation {
  const { counts } = state;
  const tally = ([count, amount]: bigint[]): Tally => ({ count: Number(count), amount: amount.toString() });
  const share = counts.credits[1] === 0n ? 0n : (counts.matched[1] * 10_000n) / counts.credits[1];
  return {
    account: state.account.account,
    areaCode: state.account.areaCode,
    months: counts.months,
    credits: tally(counts.credits),
    matched: tally(counts.matched),
    suspense: tally(counts.suspense),
    wrong: counts.wrong,
    sharePercent: `${share / 100n}.${String(share % 100n).padStart(2, '0')}`,
    byKind: state.byKind,
    statements: state.statements,
  };
}

function lastDay(month: IsoMonth): string {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}
