import { createHash } from 'node:crypto';
import { BankDec, readMachineAmount } from '../amount.js';
import { isoDate } from '../dates.js';
import { type Statement, type StatementBalance, type StatementLine, StatementParseError } from '../statement.js';
import { SeenReferences } from './unique-refs.js';

/** A field of the message: its tag, its text (continuation lines joined by `\n`), the line it starts on. */
interface Field {
  tag: string;
  text: string;
  line: number;
}

export interface Mt940Options {
  currency?: string;
}

/**
 * Reads SWIFT MT940 customer statements. Written here rather than taken from the registry: the
 * parsers there read amounts into JS numbers and stopped with a TypeError on real banks' files that
 * carry a bank header instead of SWIFT blocks (docs/decisions.md, "MT940: our own small parser").
 * Each statement is checked: opening balance + credits − debits must equal the closing balance.
 */
export function parseMt940(input: string | Buffer, options: Mt940Options = {}): Statement[] {
  const text = (typeof input === 'string' ? input : input.toString('utf8')).replace(/^\uFEFF/, '');
  const currency = options.currency ?? 'VND';
  const groups: Field[][] = [];
  let current: Field | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    const lineNo = i + 1;
    // SWIFT envelope blocks and the end-of-message marker carry no statement data.
    if (/^-(\}|\s*$)/.test(raw)) return void (current = undefined);
    const line = raw.replace(/^(\{[1-5]:(\{[^{}]*\}|[^{}])*\})+/, '').replace(/^\{4:\s*/, '');
    const start = /^:(\d{2}[A-Z]?|NS):(.*)$/.exec(line);
    if (start) {
      current = { tag: start[1], text: start[2], line: lineNo };
      if (current.tag === '20') groups.push([]);
      if (!groups.length) fail(lineNo, `field :${current.tag}: before the statement's :20:`);
      groups[groups.length - 1].push(current);
    } else if (current && line.trim() !== '') {
      current.text += `\n${line}`;
    }
    // Lines before the first :20: (a bank's own header such as "ABNANL2A / 940") are skipped.
  });
  if (!groups.length) fail(1, 'no :20: field: not an MT940 statement');
  const seen = new SeenReferences<number>();
  return groups.map((fields) => readStatement(fields, currency, seen));
}

function readStatement(fields: Field[], currency: string, refs: SeenReferences<number>): Statement {
  const one = (tags: string[]): Field => {
    const field = fields.find((f) => tags.includes(f.tag));
    if (!field) fail(fields[0].line, `statement has no :${tags[0]}: field`);
    return field;
  };
  const reference = one(['20']).text.trim();
  const accountField = one(['25']);
  // Some banks write "account/currency" or a BIC before the account; the account is the last part.
  const account = accountField.text.trim().split('/').filter(Boolean).pop() ?? '';
  if (!account) fail(accountField.line, 'empty account in :25:');
  const number = fields.find((f) => f.tag === '28C' || f.tag === '28')?.text.trim();
  const opening = readBalance(one(['60F', '60M']), currency);
  const closing = readBalance(one(['62F', '62M']), currency);
  const lines: StatementLine[] = [];
  let net = new BankDec(0);
  const seen = new Map<string, number>();
  fields.forEach((field, i) => {
    if (field.tag !== '61') return;
    const next = fields[i + 1];
    const details = next?.tag === '86' ? next.text.split('\n').map((s) => s.trim()).join(' ').trim() : '';
    const { line, fromBank } = readEntry(field, details, account, seen);
    net = line.direction === 'credit' ? net.plus(line.amount) : net.minus(line.amount);
    // A key made from a line's content may repeat in two statements of one file that overlap: that is
    // the same line, which the import records once. A bank's reference may not repeat.
    const first = fromBank ? refs.firstSeen(account, line.bankRef, field.line) : undefined;
    if (first !== undefined) fail(field.line, `bank reference ${line.bankRef} is already on line ${first}`);
    lines.push(line);
  });
  const expected = new BankDec(opening.amount).plus(net);
  if (!expected.eq(closing.amount)) {
    fail(one(['62F', '62M']).line, `closing balance ${closing.amount} ≠ opening ${opening.amount} + lines ${net.toFixed(0)}`);
  }
  return { header: { account, statementId: number ? `${reference}/${number}` : reference, opening, closing }, lines };
}

function readBalance(field: Field, currency: string): StatementBalance {
  const m = /^([CD])(\d{6})([A-Z]{3})([\d,]+)\s*$/.exec(field.text.trim());
  if (!m) fail(field.line, `:${field.tag}: "${field.text.trim()}" is not a balance (C/D, YYMMDD, currency, amount)`);
  if (m[3] !== currency) fail(field.line, `currency ${m[3]}, the account is kept in ${currency}`);
  const amount = amountOf(m[4], field.line);
  return { amount: m[1] === 'D' && amount !== '0' ? `-${amount}` : amount, date: dateOf(m[2], field.line) };
}

// :61: value date, optional entry date (MMDD), mark (C, D, RC, RD), optional funds code, amount,
// transaction type (N/F/S + 3), customer reference, optional //bank reference, optional second line.
const ENTRY = /^(\d{6})(\d{4})?(RC|RD|C|D)([A-Z])?(\d+(?:,\d*)?)([NFS][A-Z0-9 ]{3})([^\n]*?)(?:\/\/([^\n]*))?(?:\n([\s\S]*))?$/;

function readEntry(field: Field, details: string, account: string, seen: Map<string, number>): { line: StatementLine; fromBank: boolean } {
  const m = ENTRY.exec(field.text.trim());
  if (!m) fail(field.line, `:61: "${field.text.split('\n')[0]}" is not a statement line`);
  const valueDate = dateOf(m[1], field.line);
  const bookingDate = m[2] ? entryDate(valueDate, m[2], field.line) : valueDate;
  // A reversal of a debit (RD) puts money back on the account, so it counts as a credit, and vice versa.
  const credit = m[3] === 'C' || m[3] === 'RD';
  // Only the bank's reference (after //) is unique; the customer reference is the account owner's
  // free text ("EREF", an invoice number) and two lines may share it.
  const amount = amountOf(m[5], field.line);
  const given = (m[8] ?? '').trim();
  const fromBank = given !== '' && given !== 'NONREF';
  const bankRef = fromBank ? given : contentKey(m[1], m[3], amount, `${m[7].trim()}\n${details}`, seen);
  const line: StatementLine = {
    account,
    bankRef,
    bookingDate,
    valueDate,
    amount,
    direction: credit ? 'credit' : 'debit',
    description: details,
  };
  return { line, fromBank };
}

/**
 * Many banks give no bank reference (none, or NONREF). The line then gets a key from what it says (value date,
 * mark, amount, a digest of its details), numbered when one statement holds identical lines, so that
 * the same line in an overlapping statement gets the same key and is not recorded twice.
 */
function contentKey(valueDate: string, mark: string, amount: string, details: string, seen: Map<string, number>): string {
  const digest = createHash('sha256').update(details).digest('hex').slice(0, 12);
  const base = `${valueDate}${mark}${amount}-${digest}`;
  const n = (seen.get(base) ?? 0) + 1;
  seen.set(base, n);
  return n === 1 ? base : `${base}-${n}`;
}

function amountOf(text: string, line: number): string {
  const read = readMachineAmount(text, ',');
  if ('problem' in read) fail(line, read.problem);
  return read.value;
}

function dateOf(yymmdd: string, line: number): string {
  const yy = Number(yymmdd.slice(0, 2));
  const date = isoDate(yy < 80 ? 2000 + yy : 1900 + yy, Number(yymmdd.slice(2, 4)), Number(yymmdd.slice(4, 6)));
  if (!date) fail(line, `${yymmdd} is not a date`);
  return date;
}

/** The entry date has no year: it is the one nearest the value date (a line booked over new year). */
function entryDate(valueDate: string, mmdd: string, line: number): string {
  const year = Number(valueDate.slice(0, 4));
  const candidates = [year - 1, year, year + 1]
    .map((y) => isoDate(y, Number(mmdd.slice(0, 2)), Number(mmdd.slice(2, 4))))
    .filter((d): d is string => d !== undefined);
  if (!candidates.length) fail(line, `entry date ${mmdd} is not a date`);
  const distance = (d: string) => Math.abs(Date.parse(d) - Date.parse(valueDate));
  return candidates.sort((a, b) => distance(a) - distance(b))[0];
}

function fail(line: number, reason: string): never {
  throw new StatementParseError('mt940', { line }, reason);
}
