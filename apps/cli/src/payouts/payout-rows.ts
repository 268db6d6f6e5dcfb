import type { PaymentList } from './payment-list.js';

/**
 * The columns of the exported payment list, headed in Vietnamese for finance staff (docs/payouts.md
 * gives the English): paymentRef, personId, benefit, amount, channel, paidOn, reversed, the
 * latest reconciliation's verdict on the line, and the amount the agent's statement gave.
 */
export const PAYOUT_COLUMNS = [
  { key: 'paymentRef', header: 'Mã chi trả' },
  { key: 'personId', header: 'Mã số BHXH' },
  { key: 'benefit', header: 'Chế độ' },
  { key: 'amount', header: 'Số tiền (đồng)' },
  { key: 'channel', header: 'Hình thức chi' },
  { key: 'paidOn', header: 'Ngày chi' },
  { key: 'reversed', header: 'Đã hủy' },
  { key: 'reconciliation', header: 'Kết quả đối soát' },
  { key: 'statementAmount', header: 'Số tiền theo bảng kê (đồng)' },
] as const;

export type PayoutRow = Record<(typeof PAYOUT_COLUMNS)[number]['key'], string>;
/** Which columns hold đồng, so a spreadsheet can make numbers of them. */
export const AMOUNT_COLUMNS: ReadonlySet<string> = new Set(['amount', 'statementAmount']);

const BENEFITS: Record<string, string> = {
  pension: 'Hưu trí', sickness: 'Ốm đau', maternity: 'Thai sản', 'work-accident': 'Tai nạn lao động, bệnh nghề nghiệp',
  survivor: 'Tử tuất', 'one-off': 'BHXH một lần', unemployment: 'Trợ cấp thất nghiệp',
};
const CHANNELS: Record<string, string> = {
  'post-office-cash': 'Tiền mặt qua bưu điện', 'bank-account': 'Tài khoản ngân hàng', office: 'Tại cơ quan BHXH',
};

/** The verdicts of the reconciliation column (English in docs/payouts.md). */
export const VERDICTS = {
  matched: 'Khớp',
  amountMismatch: 'Lệch số tiền',
  missingInStatement: 'Không có trong bảng kê',
  missingInLedger: 'Không có trong sổ cái',
  reversedBefore: 'Đã hủy trước đối soát',
  recordedAfter: 'Ghi sau lần đối soát',
  notReconciled: 'Chưa đối soát',
} as const;

/**
 * One row per recorded payment, then one per statement line the ledger lacks. A payment's verdict
 * comes from the latest reconciliation: recorded after it, or reversed before it, it was not
 * compared; listed among its mismatches or missing payments, it is that; otherwise it matched.
 */
export function payoutRows({ payments, reconciliation }: PaymentList): PayoutRow[] {
  const mismatches = new Map(reconciliation?.amountMismatches.items.map((item) => [item.paymentRef, item.statementAmount]));
  const unstated = new Set(reconciliation?.missingInStatement.items.map((item) => item.paymentRef));
  const rows = payments.map((payment): PayoutRow => {
    const base = {
      paymentRef: payment.paymentRef, personId: payment.personId, benefit: BENEFITS[payment.benefit] ?? payment.benefit, amount: payment.amount,
      channel: CHANNELS[payment.channel] ?? payment.channel, paidOn: payment.paidOn, reversed: payment.reversedOn ? `Có (${payment.reversedOn})` : '',
    };
    if (!reconciliation) return { ...base, reconciliation: VERDICTS.notReconciled, statementAmount: '' };
    if (payment.position > reconciliation.position) return { ...base, reconciliation: VERDICTS.recordedAfter, statementAmount: '' };
    if (payment.reversedAt !== undefined && payment.reversedAt < reconciliation.position) return { ...base, reconciliation: VERDICTS.reversedBefore, statementAmount: '' };
    const stated = mismatches.get(payment.paymentRef);
    if (stated !== undefined) return { ...base, reconciliation: VERDICTS.amountMismatch, statementAmount: stated };
    if (unstated.has(payment.paymentRef)) return { ...base, reconciliation: VERDICTS.missingInStatement, statementAmount: '' };
    return { ...base, reconciliation: VERDICTS.matched, statementAmount: payment.amount };
  });
  for (const line of reconciliation?.missingInLedger.items ?? []) {
    rows.push({
      paymentRef: line.paymentRef, personId: line.personId, benefit: '', amount: '', channel: '', paidOn: '', reversed: '',
      reconciliation: VERDICTS.missingInLedger, statementAmount: line.amount,
    });
  }
  return rows;
}
