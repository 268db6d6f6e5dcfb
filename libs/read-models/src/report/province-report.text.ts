import { addMoney, Dec } from '#domain';
import type { Money } from '#domain';
import type { Compared, ProvinceReport, SchemeFigure } from './province-report.js';
import { formatCount, formatDate, formatExactMoney, formatMoney, formatPercent } from './vi-format.js';

/**
 * Renders a province report as Vietnamese prose in the style of a provincial press release
 * ("Kết quả thực hiện chính sách BHXH, BHYT"), with vi-VN numbers: `1.380,103 tỷ đồng`, `16,44%`.
 * Comparisons appear only where the previous year has data.
 */
export function renderProvinceReportText(report: ProvinceReport): string {
  const previousYear = report.previousFrom.slice(0, 4);
  const sameTime = `so với cùng kỳ năm ${previousYear}`;

  // A figure that was zero a year earlier (often: not yet recorded in the ledger) gets no comparison.
  const changeOfCount = (figure: Compared<number>, unit: string): string => {
    if (figure.change === null || figure.previousYear === 0) return '';
    if (figure.change === 0) return `, bằng cùng kỳ năm ${previousYear}`;
    const verb = figure.change > 0 ? 'tăng' : 'giảm';
    const percent = figure.changePercent === null ? '' : ` (${formatPercent(Math.abs(figure.changePercent))})`;
    return `, ${verb} ${formatCount(Math.abs(figure.change))}${unit}${percent} ${sameTime}`;
  };
  const changeOfMoney = (figure: Compared<Money>): string => {
    if (figure.change === null || figure.previousYear === null || new Dec(figure.previousYear).isZero()) return '';
    const change = new Dec(figure.change);
    if (change.isZero()) return `, bằng cùng kỳ năm ${previousYear}`;
    const verb = change.gt(0) ? 'tăng' : 'giảm';
    const percent = figure.changePercent === null ? '' : ` (${formatPercent(Math.abs(figure.changePercent))})`;
    return `, ${verb} ${formatMoney(change.abs().toFixed(0))}${percent} ${sameTime}`;
  };
  const ofPlan = (figure: SchemeFigure): string => (figure.percentOfPlan === null ? '' : `, đạt ${formatPercent(figure.percentOfPlan)} kế hoạch`);
  const people = (figure: SchemeFigure) => `${formatCount(figure.value)} người${ofPlan(figure)}`;

  const p = report.participants;
  const lines: string[] = [];
  lines.push(`KẾT QUẢ THỰC HIỆN CHÍNH SÁCH BHXH, BHYT, BHTN — ${report.name.toUpperCase()}`);
  lines.push(`Từ ngày ${formatDate(report.from)} đến ngày ${formatDate(report.to)}`);
  lines.push('');

  const collections = report.collections;
  lines.push(
    `Tổng số thu BHXH, BHYT, BHTN đạt ${formatMoney(collections.amount.value)}` +
      (collections.percentOfPlan === null ? '' : `, đạt ${formatPercent(collections.percentOfPlan)} kế hoạch`) +
      `${changeOfMoney(collections.amount)}.`,
  );

  lines.push(
    `Tổng số người tham gia BHXH, BHYT là ${formatCount(p.total.value)} người${changeOfCount(p.total, ' người')}${ofPlan(p.total)}. ` +
      `Trong đó: BHXH bắt buộc ${people(p.mandatorySocialInsurance)}` +
      (p.mandatorySocialInsurance.percentOfLabourForce === null ? '' : `, chiếm ${formatPercent(p.mandatorySocialInsurance.percentOfLabourForce)} lực lượng lao động`) +
      `; BHXH tự nguyện ${people(p.voluntarySocialInsurance)}` +
      (p.voluntarySocialInsurance.percentOfLabourForce === null ? '' : `, chiếm ${formatPercent(p.voluntarySocialInsurance.percentOfLabourForce)} lực lượng lao động`) +
      `; BHTN ${people(p.unemploymentInsurance)}` +
      (p.unemploymentInsurance.percentOfLabourForce === null ? '' : `, chiếm ${formatPercent(p.unemploymentInsurance.percentOfLabourForce)} lực lượng lao động`) +
      `; BHYT ${people(p.healthInsurance)}` +
      (p.healthInsurance.percentOfPopulation === null ? '' : `, tỷ lệ bao phủ ${formatPercent(p.healthInsurance.percentOfPopulation)} dân số`) +
      '.',
  );

  lines.push(
    `Cấp ${formatCount(report.books.issued.value)} sổ BHXH${changeOfCount(report.books.issued, ' sổ')}; ` +
      `cấp ${formatCount(report.cards.issued.value)} thẻ BHYT${changeOfCount(report.cards.issued, ' thẻ')}.`,
  );

  const benefits = report.benefits;
  lines.push(
    `Chi trả các chế độ BHXH, BHTN ${formatMoney(benefits.amount.value)}${changeOfMoney(benefits.amount)}, ` +
      `với ${formatCount(benefits.payments.value)} hồ sơ hưởng. ` +
      `Số người hưởng lương hưu, trợ cấp BHXH, BHTN hằng tháng là ${formatCount(report.monthlyBenefits.recipients.value)} người` +
      `${changeOfCount(report.monthlyBenefits.recipients, ' người')}, số tiền chi trả hằng tháng trong kỳ ${formatMoney(report.monthlyBenefits.amount.value)}.`,
  );

  const claims = report.claims;
  lines.push(
    `Giám định ${formatCount(claims.visits.value)} lượt khám chữa bệnh BHYT${changeOfCount(claims.visits, ' lượt')}, ` +
      `với số tiền đề nghị thanh toán ${formatMoney(claims.requested.value)}; chấp nhận ${formatMoney(claims.approved.value)}, ` +
      `từ chối ${formatMoney(claims.refused.value)}.`,
  );

  const inspections = report.inspections;
  lines.push(
    `Thanh tra, kiểm tra ${formatCount(inspections.count.value)} đơn vị (${formatCount(inspections.unannounced.value)} đơn vị kiểm tra đột xuất), ` +
      `phát hiện số tiền chậm đóng ${formatExactMoney(inspections.arrearsFound.value)}.`,
  );

  const arrears = report.arrears;
  lines.push(
    `Số tiền chậm đóng quá hạn đến ngày ${formatDate(report.to)} là ${formatMoney(arrears.overdue.value)} ` +
      `của ${formatCount(arrears.employers.value)} đơn vị` +
      (arrears.percentOfCollectionPlan === null ? '' : `, bằng ${formatPercent(arrears.percentOfCollectionPlan)} kế hoạch thu`) +
      `${changeOfMoney(arrears.overdue)}; ` +
      // The overdue figure is principal; the interest owed on it is stated beside it, with the total owed.
      `tiền lãi chậm đóng ${formatMoney(arrears.interest.value)}` +
      (arrears.interestComputed ? '' : ' (chưa tính đủ: có tháng chưa có lãi suất được công bố)') +
      `, tổng số nợ ${formatMoney(addMoney(arrears.overdue.value, arrears.interest.value))}` +
      (arrears.interestPercentOfTotal === null ? '' : ` (tiền lãi chiếm ${formatPercent(arrears.interestPercentOfTotal)})`) +
      (arrears.evasion.employers === 0
        ? '; không có đơn vị trốn đóng.'
        : `; ${formatCount(arrears.evasion.employers)} đơn vị trốn đóng, nợ quá hạn ${formatMoney(arrears.evasion.overdue)}.`),
  );
  return `${lines.join('\n')}\n`;
}
