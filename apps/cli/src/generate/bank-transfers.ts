import { contributionText, MESS_PER_MILLE, mistype, SeededRandom, stripAccents, writeCode, type CreditKind, type StatementLine } from '#bank';
import type { IsoDate, IsoMonth } from '#domain';
import type { Employer } from './world.js';

/** What a generated credit really is (how its text names, or fails to name, its payer), so that the ledger's matching can be scored against it. */
export type TransferKind = CreditKind;

/** An employer's payment that reaches the office by bank transfer rather than as a typed collection. */
export interface Transfer {
  employer: Employer;
  date: IsoDate;
  amount: bigint;
  /** The contribution month the payment is for, as the transfer text may name it. */
  period: IsoMonth;
}

/** A statement line before the bank numbers it, with the truth about it. */
export interface DraftCredit {
  line: Omit<StatementLine, 'account' | 'bankRef'>;
  kind: TransferKind;
  /** The one employer of the account the money is from; absent for two employers or another province. */
  unitCode?: string;
}

// The mess of real transfer texts, in the same shares as libs/bank's generated statements.
export { OTHER_PROVINCE_PER_MILLE } from '#bank';
/** Share of plain transfers sent from an account other than the employer's usual one (a director's, a new bank). */
const FRESH_ACCOUNT_PER_MILLE = 150;
const TEXTS_WITHOUT_CODE = ['nop tien bao hiem', 'CK BHXH', 'chuyen tien dong bao hiem thang nay', 'Nộp BHXH', 'NOP BHXH BHYT'];
const OTHER_DISTRICTS = ['001', '002', '005', '760', '761', '304', '490'];

/**
 * Turns one account's month of employer payments into the credits its statement shows, with the mess
 * real transfer texts have: codes typed many ways or mistyped, tax codes, no code at all, two employers
 * in one transfer, a payment split over two transfers, and credits meant for another province.
 */
export class TransferTexts {
  constructor(
    private readonly seed: number,
    /** Every unit code of the scenario, so that a typo or another province's code is nobody's here. */
    private readonly codes: ReadonlySet<string>,
  ) {}

  /** The account an employer usually pays from: fixed for the run, so the ledger can learn it. */
  accountOf(employer: Employer): string {
    return new SeededRandom(`${this.seed}/payer-account/${employer.unitCode}`).digits(13);
  }

  draft(random: SeededRandom, transfers: readonly Transfer[]): DraftCredit[] {
    const credits: DraftCredit[] = [];
    const credit = (t: Pick<Transfer, 'date'>, amount: bigint, description: string, name: string, account: string, kind: TransferKind, unitCode?: string) => {
      credits.push({
        line: { bookingDate: t.date, valueDate: t.date, amount: amount.toString(), direction: 'credit', description, counterpartyName: stripAccents(name).toUpperCase(), counterpartyAccount: account },
        kind,
        ...(unitCode ? { unitCode } : {}),
      });
    };
    let pending: Transfer | undefined;
    for (const t of transfers) {
      const { employer } = t;
      if (pending) {
        // Paid with the transfer before, often a sister company sharing a bookkeeper.
        const text = `${random.pick(['BHXH', 'Nop BHXH', 'CK BHXH'])} T${Number(t.period.slice(5))}/${t.period.slice(0, 4)} ${pending.employer.unitCode} ${random.pick(['va', '+', '&'])} ${employer.unitCode}`;
        credit(t, pending.amount + t.amount, text, pending.employer.name, random.digits(13), 'two-employers');
        pending = undefined;
        continue;
      }
      const own = this.accountOf(employer);
      const kind = messOf(random);
      const plain = () => contributionText(random, writeCode(random, employer.unitCode), t.period, employer.name);
      switch (kind) {
        case 'code':
          credit(t, t.amount, plain(), employer.name, random.chance(FRESH_ACCOUNT_PER_MILLE) ? random.digits(13) : own, kind, employer.unitCode);
          break;
        case 'tax-code':
          if (!employer.taxCode) credit(t, t.amount, plain(), employer.name, own, 'code', employer.unitCode);
          else credit(t, t.amount, `MST ${employer.taxCode} nop BHXH T${Number(t.period.slice(5))}/${t.period.slice(0, 4)}`, employer.name, own, kind, employer.unitCode);
          break;
        case 'typo':
        case 'typo-known-account': {
          let typo = mistype(random, employer.unitCode);
          while (this.codes.has(typo)) typo = mistype(random, employer.unitCode);
          credit(t, t.amount, contributionText(random, typo, t.period, employer.name), employer.name, kind === 'typo' ? random.digits(13) : own, kind, employer.unitCode);
          break;
        }
        case 'no-code':
        case 'no-code-known-account':
          credit(t, t.amount, random.pick(TEXTS_WITHOUT_CODE), employer.name, kind === 'no-code' ? random.digits(13) : own, kind, employer.unitCode);
          break;
        case 'two-employers':
          pending = t;
          break;
        case 'split': {
          // Two transfers the same day: what the director's card allows, then the rest.
          const first = ((t.amount * 6n) / 10n / 1000n) * 1000n;
          const text = plain();
          credit(t, first, `${text} lan 1`, employer.name, own, kind, employer.unitCode);
          credit(t, t.amount - first, `${text} lan 2`, employer.name, own, kind, employer.unitCode);
          break;
        }
        default:
          throw new Error(`generator bug: transfer kind ${kind as string}`);
      }
    }
    // A pair never completed by the month's end is a plain transfer after all.
    if (pending) credit(pending, pending.amount, contributionText(random, pending.employer.unitCode, pending.period, pending.employer.name), pending.employer.name, this.accountOf(pending.employer), 'code', pending.employer.unitCode);
    return credits;
  }

  /** Credits meant for another province's office: a code of an employer registered elsewhere, never here. */
  otherProvince(random: SeededRandom, month: IsoMonth, count: number): DraftCredit[] {
    const credits: DraftCredit[] = [];
    const period = previousMonth(month);
    for (let i = 0; i < count; i++) {
      let code: string;
      do code = `DN${random.pick(OTHER_DISTRICTS)}${String(random.int(1, 99_999)).padStart(5, '0')}`;
      while (this.codes.has(code));
      const date = `${month}-${String(random.int(5, 25)).padStart(2, '0')}`;
      const name = `Cong ty TNHH ${random.pick(['Ha Thanh', 'Sai Gon Xanh', 'Bach Dang', 'Song Han', 'Kinh Bac'])}`;
      credits.push({
        line: {
          bookingDate: date, valueDate: date, amount: String(random.int(5_000, 90_000) * 1000), direction: 'credit',
          description: contributionText(random, code, period, name), counterpartyName: name.toUpperCase(), counterpartyAccount: random.digits(13),
        },
        kind: 'other-province',
      });
    }
    return credits;
  }
}

function messOf(random: SeededRandom): TransferKind {
  let roll = random.int(0, 999);
  for (const [kind, perMille] of MESS_PER_MILLE) {
    if (roll < perMille) return kind;
    roll -= perMille;
  }
  return 'code';
}

export function previousMonth(month: IsoMonth): IsoMonth {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
