import { buildNotice, renderNoticePdf, type NoticeFact } from '#read-models';
import { pdfText } from '../support/pdf-text.js';

const funds = { pension: '5000000', sickness: '1000000', accident: '500000', health: '2500000', unemployment: '1000000' };
let position = 0;
const fact = (type: string, eventId: string, data: unknown): NoticeFact => ({ eventId, type, position: ++position, data });
const assessed = (eventId: string, period: string, assessedOn: string, dueDate: string) =>
  fact('ContributionAssessed', eventId, { unitCode: 'DT00001', areaCode: '87', period, assessedOn, dueDate, funds, due: '10000000' });
const collected = (eventId: string, receiptNo: string, amount: string, collectedOn: string) =>
  fact('ContributionCollected', eventId, { receiptNo, payer: { kind: 'employer', unitCode: 'DT00001' }, amount, collectedOn, areaCode: '87' });

/**
 * November 2025 of an employer that owes July (due 31 August, reminded on 5 September), is assessed
 * October in November, pays 3,000,000 on 10 November, and whose October payment of 2,000,000
 * bounced and was reversed on 20 November: an adjustment, a late amount, and evasion from the 61st
 * late day, in JSON and in the PDF.
 */
describe('the monthly notice from an employer stream', () => {
  const facts = [
    assessed('a-07', '2025-07', '2025-07-01', '2025-08-31'),
    fact('EmployerReminded', 'r-1', { reminderRef: 'ĐĐ-01/2025', unitCode: 'DT00001', sentOn: '2025-09-05', amountLate: '10000000', areaCode: '87' }),
    collected('p-0', 'UNC-0', '2000000', '2025-10-15'),
    assessed('a-10', '2025-10', '2025-11-03', '2025-11-30'),
    collected('p-1', 'UNC-1', '3000000', '2025-11-10'),
    fact('EntryReversed', 'x-1', { eventId: 'p-0', reversedType: 'ContributionCollected', reversedPosition: 3, reason: 'Ngân hàng trả lại', reversedOn: '2025-11-20', areaCode: '87' }),
  ];
  const notice = buildNotice({ unitCode: 'DT00001', name: 'Hợp tác xã Dịch vụ Nông nghiệp Ưu Điền', areaCode: '87', month: '2025-11', facts });
  const amounts = (pension: string, sickness: string, accident: string, health: string, unemployment: string, total: string) =>
    ({ pension, sickness, accident, health, unemployment, total });
  const zero = amounts('0', '0', '0', '0', '0', '0');

  it('adds up per fund: the bounced payment comes back as an adjustment of health', () => {
    expect({ opening: notice.opening, assessed: notice.assessed.byFund, adjustments: notice.adjustments, paid: notice.paid.principal, closing: notice.closing }).toEqual({
      // July less the October payment, which went to health first.
      opening: { principal: amounts('5000000', '1000000', '500000', '500000', '1000000', '8000000'), interest: zero, credit: '0', total: '8000000' },
      assessed: amounts('5000000', '1000000', '500000', '2500000', '1000000', '10000000'),
      adjustments: {
        principal: amounts('0', '0', '0', '2000000', '0', '2000000'),
        interest: zero,
        items: [{ eventId: 'x-1', on: '2025-11-20', effect: 'payment-reversed', detail: 'UNC-0', amount: '2000000' }],
      },
      // What is late first, by fund: July's health, then its unemployment; October is not due until 30 November.
      paid: amounts('0', '0', '0', '2500000', '500000', '3000000'),
      closing: { principal: amounts('10000000', '2000000', '1000000', '2500000', '1500000', '17000000'), interest: zero, credit: '0', total: '17000000' },
    });
    expect(notice.paid.payments.map((p) => [p.receiptNo, p.allocation.map((line) => `${line.period} ${line.fund} ${line.amount}`)])).toEqual([
      ['UNC-1', ['2025-07 health 2500000', '2025-07 unemployment 500000']],
    ]);
  });

  // Late from 1 September (the day after the deadline); the 61st late day is 31 October, after the reminder.
  it('states the late amount and the evasion warning from the reminder', () => {
    expect(notice.lateAmount).toEqual({ principal: '7000000', interest: '0', total: '7000000', periods: [{ period: '2025-07', dueDate: '2025-08-31', amount: '7000000' }] });
    expect(notice.reminders).toEqual([{ reminderRef: 'ĐĐ-01/2025', sentOn: '2025-09-05', amountLate: '10000000' }]);
    expect({ since: notice.evasion?.since, reminderRef: notice.evasion?.reminderRef, period: notice.evasion?.period }).toEqual({ since: '2025-10-31', reminderRef: 'ĐĐ-01/2025', period: '2025-07' });
  });

  it('prints it on one page with every diacritic and the warning', async () => {
    const pdf = await renderNoticePdf({ ...notice, status: 'active', arrearsQuery: { asOf: '2025-11-30', overdue: '7000000', interest: '0', interestComputed: true, bucket: '1-to-3-months' } });
    const { pages, text } = await pdfText(pdf);
    expect(pages).toBe(1);
    const lines = text.split('\n').map((line) => line.trim());
    expect(lines).toEqual(expect.arrayContaining([
      'Tên đơn vị: Hợp tác xã Dịch vụ Nông nghiệp Ưu Điền',
      'Điều chỉnh: tiền đóng 0 0 0 2.000.000 0 2.000.000',
      'Số dư cuối kỳ: tiền đóng 10.000.000 2.000.000 1.000.000 2.500.000 1.500.000 17.000.000',
      'Tổng số còn phải đóng cuối tháng: 17.000.000 đồng.',
    ]));
    expect(text).toContain('CẢNH BÁO: đơn vị có dấu hiệu trốn đóng từ ngày 31/10/2025 (văn bản đôn đốc ĐĐ-01/2025).');
    expect(text).toContain('Văn bản đôn đốc: ĐĐ-01/2025 ngày 5/9/2025.');
  });
});
