import { BankDec } from '../amount.js';
import type { Payer } from '../matching/payer-directory.js';
import type { Statement, StatementLine } from '../statement.js';
import { SeededRandom } from './random.js';
import { contributionText, mistype, stripAccents, writeCode } from './transfer-texts.js';

/** What a generated credit really is, so that a matcher can be scored against it. */
export type CreditKind =
  | 'code'
  | 'tax-code'
  | 'typo-known-account'
  | 'typo'
  | 'no-code-known-account'
  | 'no-code'
  | 'two-employers'
  | 'split'
  | 'other-province';

export interface GeneratedCredit {
  line: StatementLine;
  kind: CreditKind;
  /** The payer the money is from; absent when no single payer of the province is (two employers, another province). */
  unitCode?: string;
  period?: string;
}

export interface GeneratedProvince {
  payers: Payer[];
  statement: Statement;
  credits: GeneratedCredit[];
}

export interface StatementScenario {
  seed: string | number;
  account: string;
  /** The statement's month, `YYYY-MM`; credits pay the month before it. */
  month: string;
  payers: number;
  areaPrefix?: string;
}

/** Per mille of payers whose transfer is messy in each way; the rest write their code plainly. */
export const MESS_PER_MILLE: readonly (readonly [CreditKind, number])[] = [
  ['tax-code', 80],
  ['typo', 12],
  ['typo-known-account', 18],
  ['no-code', 15],
  ['no-code-known-account', 25],
  ['two-employers', 10],
  ['split', 30],
];
/** Credits meant for another province's office, per mille of a month's payers (at least one a month). */
export const OTHER_PROVINCE_PER_MILLE = 15;

const TRADES = ['Xây dựng', 'Thương mại', 'May mặc', 'Thủy sản', 'Vận tải', 'Nông sản', 'Cơ khí', 'Dịch vụ', 'Cà phê', 'Điện tử'];
const WORDS = ['Hồng Phát', 'Minh Long', 'Thành Đạt', 'Phú Gia', 'An Khang', 'Đại Việt', 'Sao Mai', 'Trường Sơn', 'Bình Minh', 'Hòa Bình'];
const FORMS = ['Công ty TNHH', 'Công ty Cổ phần', 'Doanh nghiệp tư nhân', 'Hợp tác xã'];
const PLACES = ['', 'Quảng Trị', 'Đông Hà', 'Miền Trung', 'Việt Nam', 'Hướng Hóa', 'Gio Linh', 'Cam Lộ', 'Triệu Phong', 'Hải Lăng'];
const LETTERS = 'ABCDEFGHKLMNPQRSTUVXY';

/**
 * A month's statement of a province's collection account, with the mess real transfer texts have:
 * codes typed many ways and mistyped, codes missing (a known account or nothing to go on), two
 * employers paid in one transfer, one payment split over two transfers, a credit meant for another
 * province, and the bank's own fees as debits. Pure and seeded: the same scenario gives the same file.
 */
export function generateProvinceStatement(scenario: StatementScenario): GeneratedProvince {
  const random = new SeededRandom(`${scenario.seed}/bank/${scenario.account}/${scenario.month}`);
  const prefix = scenario.areaPrefix ?? 'TA';
  const payers: (Payer & { due: string; name: string })[] = [];
  const codes = new Set<string>();
  const names = new Set<string>();
  for (let i = 0; i < scenario.payers; i++) {
    let code: string;
    do code = `${prefix}${String(random.int(1, 9999)).padStart(4, '0')}${random.pick([...LETTERS])}`;
    while (codes.has(code));
    codes.add(code);
    // The Law on Enterprises forbids two enterprises one name, so a province's names are distinct.
    let name: string;
    do name = `${random.pick(FORMS)} ${random.pick(TRADES)} ${random.pick(WORDS)} ${random.pick(PLACES)}`.trim();
    while (names.has(name));
    names.add(name);
    const headcount = random.int(3, 180);
    const due = new BankDec(headcount).times(random.int(5_000, 15_000)).times(1000).times("0.32").toFixed(0);
    payers.push({
      unitCode: code,
      name,
      names: [name],
      due: roundThousand(due),
      ...(random.chance(850) ? { taxCode: `${random.int(1, 8)}${random.digits(9)}` } : {}),
      accounts: [random.digits(13)],
    });
  }
  const period = previousMonth(scenario.month);
  const credits: GeneratedCredit[] = [];
  const lines: StatementLine[] = [];
  let refCounter = random.int(100000, 800000);
  const line = (fields: Omit<StatementLine, 'account' | 'bankRef' | 'bookingDate' | 'valueDate'>): StatementLine => {
    const day = random.int(1, daysIn(scenario.month));
    const date = `${scenario.month}-${String(day).padStart(2, '0')}`;
    refCounter += random.int(1, 40);
    return { account: scenario.account, bankRef: `FT${scenario.month.slice(2, 4)}${scenario.month.slice(5)}${refCounter}`, bookingDate: date, valueDate: date, ...fields };
  };
  const credit = (amount: string, description: string, payer: { name?: string; account?: string }, kind: CreditKind, unitCode?: string) => {
    const l = line({
      amount,
      direction: 'credit',
      description,
      ...(payer.name ? { counterpartyName: stripAccents(payer.name).toUpperCase() } : {}),
      ...(payer.account ? { counterpartyAccount: payer.account } : {}),
    });
    credits.push({ line: l, kind, ...(unitCode ? { unitCode, period } : {}) });
    lines.push(l);
  };
  let pendingSecond: (typeof payers)[number] | undefined;
  for (const payer of payers) {
    if (pendingSecond) {
      const both = new BankDec(pendingSecond.due).plus(payer.due).toFixed(0);
      const text = `BHXH T${Number(period.slice(5))}/${period.slice(0, 4)} ${pendingSecond.unitCode} va ${payer.unitCode}`;
      credit(both, text, { name: pendingSecond.name, account: random.digits(13) }, 'two-employers');
      pendingSecond = undefined;
      continue;
    }
    const kind = messOf(random);
    const known = payer.accounts![0];
    const fresh = random.digits(13);
    switch (kind) {
      case 'code':
        credit(payer.due, contributionText(random, writeCode(random, payer.unitCode), period, payer.name), { name: payer.name, account: random.chance(500) ? known : fresh }, kind, payer.unitCode);
        break;
      case 'tax-code':
        if (!payer.taxCode) {
          credit(payer.due, contributionText(random, payer.unitCode, period, payer.name), { name: payer.name, account: fresh }, 'code', payer.unitCode);
          break;
        }
        credit(payer.due, `MST ${payer.taxCode} nop BHXH T${Number(period.slice(5))}/${period.slice(0, 4)}`, { name: payer.name, account: fresh }, kind, payer.unitCode);
        break;
      case 'typo':
      case 'typo-known-account': {
        let typo = mistype(random, payer.unitCode);
        while (codes.has(typo)) typo = mistype(random, payer.unitCode);
        credit(payer.due, contributionText(random, typo, period, payer.name), { name: payer.name, account: kind === 'typo' ? fresh : known }, kind, payer.unitCode);
        break;
      }
      case 'no-code':
      case 'no-code-known-account':
        credit(payer.due, random.pick(['nop tien bao hiem', 'CK BHXH', 'chuyen tien dong bao hiem thang nay', 'Nộp BHXH']), { name: payer.name, account: kind === 'no-code' ? fresh : known }, kind, payer.unitCode);
        break;
      case 'two-employers':
        // Paid together with the next payer, often a sister company sharing a bookkeeper.
        pendingSecond = payer;
        break;
      case 'split': {
        const first = roundThousand(new BankDec(payer.due).times('0.6').toFixed(0));
        const second = new BankDec(payer.due).minus(first).toFixed(0);
        const text = contributionText(random, payer.unitCode, period, payer.name);
        credit(first, `${text} lan 1`, { name: payer.name, account: known }, kind, payer.unitCode);
        credit(second, `${text} lan 2`, { name: payer.name, account: known }, kind, payer.unitCode);
        break;
      }
    }
  }
  const others = Math.max(1, Math.round((scenario.payers * OTHER_PROVINCE_PER_MILLE) / 1000));
  for (let i = 0; i < others; i++) {
    const code = `HN${String(random.int(1, 9999)).padStart(4, '0')}${random.pick([...LETTERS])}`;
    const name = `${random.pick(FORMS)} ${random.pick(TRADES)} ${random.pick(WORDS)}`;
    credit(roundThousand(String(random.int(5_000, 90_000) * 1000)), contributionText(random, code, period, name), { name, account: random.digits(13) }, 'other-province');
  }
  for (let i = 0; i < 3; i++) {
    lines.push(line({ amount: random.pick(['11000', '22000', '55000']), direction: 'debit', description: 'Phi quan ly tai khoan' }));
  }
  lines.sort((a, b) => a.bookingDate.localeCompare(b.bookingDate) || a.bankRef.localeCompare(b.bankRef));
  const opening = String(random.int(100, 900) * 1_000_000);
  const net = lines.reduce((sum, l) => (l.direction === 'credit' ? sum.plus(l.amount) : sum.minus(l.amount)), new BankDec(0));
  const statement: Statement = {
    header: {
      account: scenario.account,
      statementId: `STM-${scenario.account}-${scenario.month}`,
      opening: { amount: opening, date: `${scenario.month}-01` },
      closing: { amount: net.plus(opening).toFixed(0), date: `${scenario.month}-${String(daysIn(scenario.month)).padStart(2, '0')}` },
    },
    lines,
  };
  return { payers: payers.map(({ unitCode, taxCode, names, accounts }) => ({ unitCode, ...(taxCode ? { taxCode } : {}), names, accounts })), statement, credits };
}

function messOf(random: SeededRandom): CreditKind {
  let roll = random.int(0, 999);
  for (const [kind, perMille] of MESS_PER_MILLE) {
    if (roll < perMille) return kind;
    roll -= perMille;
  }
  return 'code';
}

function roundThousand(amount: string): string {
  return new BankDec(amount).dividedToIntegerBy(1000).times(1000).toFixed(0);
}

function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

function daysIn(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}
