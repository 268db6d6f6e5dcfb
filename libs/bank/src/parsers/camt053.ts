import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { BankDec, readMachineAmount } from '../amount.js';
import { type Statement, type StatementBalance, type StatementLine, StatementParseError } from '../statement.js';
import { SeenReferences } from './unique-refs.js';

/** Elements that may repeat: the XML library makes them arrays even when one is present. */
const REPEATING = new Set(['Stmt', 'Bal', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd', 'AdrLine', 'Strd']);

// Everything stays a string (parseTagValue false): an amount must never pass through a JS number.
const xml = new XMLParser({
  ignoreAttributes: false,
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => REPEATING.has(name),
});

/** A parsed XML node: its shape is checked field by field as it is read. */
type Node = any;

export interface Camt053Options {
  /** The currency of the collection account; a line in another is refused. */
  currency?: string;
}

/**
 * Reads an ISO 20022 camt.053 (BankToCustomerStatement, message versions 001.02 and later) into
 * statements. Entries that are not booked (`Sts` other than BOOK) are left out: a statement's
 * pending entries are not yet money on the account.
 */
export function parseCamt053(input: string | Buffer, options: Camt053Options = {}): Statement[] {
  const text = typeof input === 'string' ? input : input.toString('utf8');
  const source = text.replace(/^\uFEFF/, '');
  const valid = XMLValidator.validate(source);
  if (valid !== true) throw new StatementParseError('camt053', { line: valid.err.line }, valid.err.msg);
  const version = /xmlns(?::\w+)?="urn:iso:std:iso:20022:tech:xsd:(camt\.\d{3}\.\d{3}\.(\d{2}))"/.exec(source);
  if (!version || !version[1].startsWith('camt.053.001.') || Number(version[2]) < 2) {
    throw new StatementParseError('camt053', { element: 'Document' }, `not a camt.053.001.02 or later message (namespace ${version?.[1] ?? 'missing'})`);
  }
  const doc = xml.parse(source) as Node;
  const statements: Node[] | undefined = doc?.Document?.BkToCstmrStmt?.Stmt;
  if (!statements?.length) throw new StatementParseError('camt053', { element: 'Document/BkToCstmrStmt' }, 'no Stmt element');
  const currency = options.currency ?? 'VND';
  const seen = new SeenReferences<string>();
  return statements.map((stmt, i) => readStatement(stmt, `Stmt[${i + 1}]`, currency, seen));
}

function readStatement(stmt: Node, at: string, currency: string, seen: SeenReferences<string>): Statement {
  const statementId = str(stmt.Id);
  if (!statementId) fail(`${at}/Id`, 'missing');
  const account = str(stmt.Acct?.Id?.IBAN) || str(stmt.Acct?.Id?.Othr?.Id);
  if (!account) fail(`${at}/Acct/Id`, 'missing (neither IBAN nor Othr/Id)');
  let opening: StatementBalance | undefined;
  let closing: StatementBalance | undefined;
  (stmt.Bal ?? []).forEach((bal: Node, j: number) => {
    const code = str(bal.Tp?.CdOrPrtry?.Cd);
    // OPBD is the opening booked balance; PRCD (previously closed) stands for it in some banks' files.
    if (code === 'OPBD' || (code === 'PRCD' && !opening)) opening = readBalance(bal, `${at}/Bal[${j + 1}]`, currency);
    if (code === 'CLBD') closing = readBalance(bal, `${at}/Bal[${j + 1}]`, currency);
  });
  const lines: StatementLine[] = [];
  (stmt.Ntry ?? []).forEach((entry: Node, j: number) => {
    for (const { line, where } of readEntry(entry, `${at}/Ntry[${j + 1}]`, account, currency)) {
      const first = seen.firstSeen(account, line.bankRef, where);
      if (first) fail(`${where}/AcctSvcrRef`, `bank reference ${line.bankRef} is already on ${first}`);
      lines.push(line);
    }
  });
  return { header: { account, statementId, opening, closing }, lines };
}

function readBalance(bal: Node, at: string, currency: string): StatementBalance {
  const amount = readAmt(bal.Amt, `${at}/Amt`, currency);
  const sign = str(bal.CdtDbtInd);
  if (sign !== 'CRDT' && sign !== 'DBIT') fail(`${at}/CdtDbtInd`, `"${sign}" is neither CRDT nor DBIT`);
  const date = readDate(bal.Dt, `${at}/Dt`);
  return { amount: sign === 'DBIT' && amount !== '0' ? `-${amount}` : amount, date };
}

/**
 * An entry is usually one transfer. A batch entry (several TxDtls, e.g. a bank's bulk credit) becomes one
 * line per transaction, each with its own amount; they must add up to the entry's amount.
 */
function readEntry(entry: Node, at: string, account: string, currency: string): { line: StatementLine; where: string }[] {
  const status = str(entry.Sts?.Cd ?? entry.Sts);
  if (status && status !== 'BOOK') return [];
  const amount = readAmt(entry.Amt, `${at}/Amt`, currency);
  const sign = str(entry.CdtDbtInd);
  if (sign !== 'CRDT' && sign !== 'DBIT') fail(`${at}/CdtDbtInd`, `"${sign}" is neither CRDT nor DBIT`);
  const direction = sign === 'CRDT' ? 'credit' : 'debit';
  const bookingDate = readDate(entry.BookgDt, `${at}/BookgDt`);
  const valueDate = entry.ValDt ? readDate(entry.ValDt, `${at}/ValDt`) : bookingDate;
  const details: Node[] = (entry.NtryDtls ?? []).flatMap((d: Node) => d.TxDtls ?? []);
  const entryRef = str(entry.AcctSvcrRef) || str(entry.NtryRef);
  const common = { account, bookingDate, valueDate, direction } as const;
  if (details.length <= 1) {
    const tx: Node = details[0] ?? {};
    return [{ line: { ...common, ...transaction(entry, tx, `${at}/AcctSvcrRef`, entryRef, direction), amount }, where: at }];
  }
  let sum = new BankDec(0);
  const lines = details.map((tx, k) => {
    const where = `${at}/NtryDtls/TxDtls[${k + 1}]`;
    const txAmount = readAmt(tx.Amt ?? tx.AmtDtls?.TxAmt?.Amt ?? tx.AmtDtls?.InstdAmt?.Amt, `${where}/Amt`, currency);
    sum = sum.plus(txAmount);
    // A transaction of a batch has its own reference, or the entry's numbered.
    const own = str(tx.Refs?.AcctSvcrRef) || str(tx.Refs?.TxId);
    const ref = own && own !== entryRef ? own : entryRef ? `${entryRef}/${k + 1}` : '';
    return { line: { ...common, ...transaction(entry, tx, `${where}/Refs`, ref, direction), amount: txAmount }, where };
  });
  if (!sum.eq(amount)) fail(`${at}/Amt`, `the entry's ${amount} is not the sum ${sum.toFixed(0)} of its ${details.length} transactions`);
  return lines;
}

/** The reference, text and counterparty of one transaction of an entry. */
function transaction(entry: Node, tx: Node, refElement: string, ref: string, direction: 'credit' | 'debit') {
  // The bank's own references only: an EndToEndId is the payer's and need not be unique.
  const bankRef = ref || str(tx.Refs?.AcctSvcrRef) || str(tx.Refs?.TxId) || str(tx.Refs?.Prtry?.Ref);
  if (!bankRef) fail(refElement, 'missing (nor NtryRef, TxId or Refs/Prtry/Ref): a line needs the bank reference as its key');
  // The counterparty is who paid for a credit and who was paid for a debit.
  const party: Node = direction === 'credit' ? tx.RltdPties?.Dbtr : tx.RltdPties?.Cdtr;
  const partyAccount: Node = direction === 'credit' ? tx.RltdPties?.DbtrAcct : tx.RltdPties?.CdtrAcct;
  const counterpartyName = str(party?.Pty?.Nm ?? party?.Nm);
  const counterpartyAccount = str(partyAccount?.Id?.IBAN) || str(partyAccount?.Id?.Othr?.Id);
  const unstructured = ((tx.RmtInf?.Ustrd ?? []) as Node[]).map(str).filter(Boolean).join(' ');
  const structured = ((tx.RmtInf?.Strd ?? []) as Node[]).map((s) => str(s.CdtrRefInf?.Ref)).filter(Boolean).join(' ');
  return {
    bankRef,
    description: unstructured || str(tx.AddtlTxInf) || str(entry.AddtlNtryInf) || structured,
    ...(counterpartyName ? { counterpartyName } : {}),
    ...(counterpartyAccount ? { counterpartyAccount } : {}),
  };
}

function readAmt(amt: Node, at: string, currency: string): string {
  const text = str(amt?.['#text'] ?? amt);
  if (!text) fail(at, 'missing');
  const ccy = str(amt?.['@_Ccy']);
  if (ccy && ccy !== currency) fail(at, `currency ${ccy}, the account is kept in ${currency}`);
  const read = readMachineAmount(text, '.');
  if ('problem' in read) fail(at, read.problem);
  return read.value;
}

/** A camt date is either `<Dt>` or `<DtTm>`; the day is what a ledger books on. */
function readDate(node: Node, at: string): string {
  const text = str(node?.Dt) || str(node?.DtTm).slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) fail(at, text ? `"${text}" is not a date` : 'missing');
  return text;
}

function str(value: Node): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return typeof value['#text'] === 'string' ? value['#text'].trim() : '';
  return String(value).trim();
}

function fail(element: string, reason: string): never {
  throw new StatementParseError('camt053', { element }, reason);
}
