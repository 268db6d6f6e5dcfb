import { createRequire } from 'node:module';
import { FUNDS, type Fund, type Money } from '#domain';
import { formatDate, formatExactMoney, groupThousands } from '../report/vi-format.js';
import type { FundAmounts } from './notice.js';
import type { MonthlyNotice } from './notice.query.js';

const require = createRequire(import.meta.url);
/**
 * DejaVu Sans (dejavu-fonts-ttf, Bitstream Vera / DejaVu licence) covers every Vietnamese letter
 * with its diacritics; PDF's standard 14 fonts cover none of ơ, ư, đ or the stacked tones.
 */
const FONT_REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const FUND_LABELS: Record<Fund, string> = {
  pension: 'Hưu trí, tử tuất',
  sickness: 'Ốm đau, thai sản',
  accident: 'TNLĐ, BNN',
  health: 'BHYT',
  unemployment: 'BHTN',
};
/** Column headers: the table's columns are too narrow for the funds' full names. */
const FUND_HEADERS: Record<Fund, string> = { pension: 'Hưu trí, TT', sickness: 'Ốm đau, TS', accident: 'TNLĐ, BNN', health: 'BHYT', unemployment: 'BHTN' };
const KIND_LABELS = { principal: 'tiền đóng', interest: 'tiền lãi' } as const;

const MARGIN = 40;
const PAGE_WIDTH = 595.28; // A4
const LABEL_WIDTH = 139;
const COLUMN_WIDTH = (PAGE_WIDTH - 2 * MARGIN - LABEL_WIDTH) / (FUNDS.length + 1);
/** Payment lines beyond this are summed up in one line, so that the notice stays on one page. */
const MAX_PAYMENT_LINES = 6;

const amount = (value: Money) => (value.startsWith('-') ? `-${groupThousands(value.slice(1))}` : groupThousands(value));
const monthLabel = (month: string) => `${Number(month.slice(5))}/${month.slice(0, 4)}`;

/**
 * The notice as a one-page A4 PDF in Vietnamese, laid out after mẫu C12-TS: the balances per fund
 * in a table, then the payments and where each went, the late amount and the evasion warning.
 * Deterministic apart from the creation date pdfkit stamps in the document's information.
 */
export async function renderNoticePdf(notice: MonthlyNotice): Promise<Buffer> {
  // Loaded on the first notice: pdfkit and its fonts' code are a good share of a server's start.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: `Thông báo C12-TS ${notice.unitCode} ${notice.month}`, Author: 'socai' } });
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = PAGE_WIDTH - 2 * MARGIN;
  doc.font('bold').fontSize(9).text('BẢO HIỂM XÃ HỘI VIỆT NAM', MARGIN, MARGIN, { width: width / 2 });
  doc.font('regular').fontSize(9).text(`Mẫu C12-TS`, MARGIN + width / 2, MARGIN, { width: width / 2, align: 'right' });
  doc.moveDown(1.2);
  doc.font('bold').fontSize(13).text('Thông báo kết quả đóng BHXH, BHYT, BHTN', MARGIN, doc.y, { width, align: 'center' });
  doc.font('regular').fontSize(10).text(`Tháng ${monthLabel(notice.month)} (từ ${formatDate(notice.from)} đến ${formatDate(notice.to)})`, { width, align: 'center' });
  doc.moveDown(0.8);
  doc.fontSize(9.5);
  doc.text(`Tên đơn vị: `, { continued: true }).font('bold').text(notice.name);
  doc.font('regular').text(`Mã đơn vị: ${notice.unitCode}    Mã khu vực: ${notice.areaCode}    Tình trạng: ${STATUS_LABELS[notice.status] ?? notice.status}`);
  doc.moveDown(0.6);
  doc.text('Đơn vị tính: đồng', { width, align: 'right' });

  table(doc, notice);

  doc.moveDown(0.6);
  doc.font('regular').fontSize(9);
  if (notice.closing.credit !== '0') doc.text(`Số tiền đóng thừa chuyển kỳ sau: ${formatExactMoney(notice.closing.credit)}.`);
  doc.font('bold').text(`Tổng số còn phải đóng cuối tháng: ${formatExactMoney(notice.closing.total)}.`);
  doc.font('regular');
  doc.moveDown(0.5);

  doc.font('bold').text('Các khoản đã nộp trong tháng');
  doc.font('regular');
  if (notice.paid.payments.length === 0) doc.text('Không có khoản nộp nào trong tháng.');
  for (const payment of notice.paid.payments.slice(0, MAX_PAYMENT_LINES)) {
    const where = payment.allocation.map((line) => `${monthLabel(line.period)} ${FUND_LABELS[line.fund]} (${KIND_LABELS[line.kind]}) ${amount(line.amount)}`);
    if (payment.unallocated !== '0') where.push(`đóng thừa ${amount(payment.unallocated)}`);
    doc.text(`• Ngày ${formatDate(payment.collectedOn)}, chứng từ ${payment.receiptNo}: ${formatExactMoney(payment.amount)}, phân bổ: ${where.join('; ')}.`, { width });
  }
  const rest = notice.paid.payments.slice(MAX_PAYMENT_LINES);
  if (rest.length > 0) {
    const sum = rest.reduce((total, p) => total + BigInt(p.amount), 0n).toString();
    doc.text(`• và ${rest.length} khoản khác, cộng ${formatExactMoney(sum)} (chi tiết trong bản JSON của thông báo).`);
  }
  doc.moveDown(0.5);

  doc.font('bold').text(`Số tiền chậm đóng đến ngày ${formatDate(notice.to)}: ${formatExactMoney(notice.lateAmount.total)}`);
  doc.font('regular').text(`gồm tiền đóng ${formatExactMoney(notice.lateAmount.principal)} và tiền lãi chậm đóng ${formatExactMoney(notice.lateAmount.interest)}.`);
  if (notice.lateAmount.periods.length > 0) {
    doc.text(`Kỳ chậm đóng: ${notice.lateAmount.periods.map((p) => `${monthLabel(p.period)} (hạn ${formatDate(p.dueDate)}) ${amount(p.amount)}`).join('; ')}.`, { width });
  }
  if (notice.reminders.length > 0) {
    doc.text(`Văn bản đôn đốc: ${notice.reminders.map((r) => `${r.reminderRef} ngày ${formatDate(r.sentOn)}`).join('; ')}.`, { width });
  }
  doc.moveDown(0.5);
  if (notice.evasion) {
    doc.font('bold').fillColor('#b00020').text(`CẢNH BÁO: đơn vị có dấu hiệu trốn đóng từ ngày ${formatDate(notice.evasion.since)} (văn bản đôn đốc ${notice.evasion.reminderRef}).`, { width });
    doc.font('regular').fillColor('black').text(notice.evasion.basis, { width });
  } else {
    doc.text('Chưa có cảnh báo trốn đóng (Luật BHXH 2024 điều 39: chậm đóng quá 60 ngày sau khi đã được đôn đốc).', { width });
  }
  doc.moveDown(0.8);
  doc.fontSize(8).fillColor('#555555').text(
    'Thông báo lập từ sổ cái socai: số dư đầu kỳ + phải đóng + điều chỉnh + lãi chậm đóng tính trong tháng − đã đóng = số dư cuối kỳ, theo từng quỹ. '
      + 'Số tiền nộp được phân bổ theo thứ tự quỹ quy định (BHYT, BHTN, ốm đau – thai sản, TNLĐ – BNN, hưu trí – tử tuất), tiền đóng trước tiền lãi, kỳ cũ trước.',
    { width },
  );
  doc.end();
  return done;
}

const STATUS_LABELS: Record<string, string> = {
  active: 'đang hoạt động', suspended: 'tạm ngừng', dissolved: 'giải thể', bankrupt: 'phá sản', missing: 'không liên lạc được',
};

function table(doc: PDFKit.PDFDocument, notice: MonthlyNotice): void {
  const rows: { label: string; values: FundAmounts; bold?: boolean }[] = [
    { label: 'Số dư đầu kỳ: tiền đóng', values: notice.opening.principal },
    { label: 'Số dư đầu kỳ: tiền lãi', values: notice.opening.interest },
    { label: 'Phải đóng phát sinh', values: notice.assessed.byFund },
    { label: 'Điều chỉnh: tiền đóng', values: notice.adjustments.principal },
    { label: 'Điều chỉnh: tiền lãi', values: notice.adjustments.interest },
    { label: 'Lãi chậm đóng tính trong tháng', values: notice.interestCharged.byFund },
    { label: 'Đã đóng: tiền đóng', values: notice.paid.principal },
    { label: 'Đã đóng: tiền lãi', values: notice.paid.interest },
    { label: 'Số dư cuối kỳ: tiền đóng', values: notice.closing.principal, bold: true },
    { label: 'Số dư cuối kỳ: tiền lãi', values: notice.closing.interest, bold: true },
  ];
  const headers = [...FUNDS.map((fund) => FUND_HEADERS[fund]), 'Cộng'];
  const rowHeight = 15;
  let y = doc.y + 2;
  doc.font('bold').fontSize(7.5);
  doc.rect(MARGIN, y, PAGE_WIDTH - 2 * MARGIN, rowHeight + 4).fill('#e8eef7').fillColor('black');
  doc.text('Chỉ tiêu', MARGIN + 3, y + 5, { width: LABEL_WIDTH - 6, lineBreak: false });
  headers.forEach((header, i) => doc.text(header, MARGIN + LABEL_WIDTH + i * COLUMN_WIDTH, y + 5, { width: COLUMN_WIDTH - 4, align: 'right', lineBreak: false }));
  y += rowHeight + 4;
  for (const row of rows) {
    doc.font(row.bold ? 'bold' : 'regular').fontSize(7.5);
    doc.text(row.label, MARGIN + 3, y + 4, { width: LABEL_WIDTH - 6, lineBreak: false });
    [...FUNDS.map((fund) => row.values[fund]), row.values.total].forEach((value, i) => {
      doc.text(amount(value), MARGIN + LABEL_WIDTH + i * COLUMN_WIDTH, y + 4, { width: COLUMN_WIDTH - 4, align: 'right', lineBreak: false });
    });
    y += rowHeight;
    doc.moveTo(MARGIN, y).lineTo(PAGE_WIDTH - MARGIN, y).lineWidth(0.3).strokeColor('#999999').stroke();
  }
  doc.x = MARGIN;
  doc.y = y + 4;
}
