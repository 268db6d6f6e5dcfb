import { barChart } from './charts.js';
import { h, fill, table } from './dom.js';
import { formatCount, formatDong, formatMonth, groupDigits, millionsForChart, percentChange } from './format.js';
import { problem } from './panel-common.js';

function monthlyChart(container, ctx, { id, months, amountOf, columns, rowOf, color }) {
  const { lang, t } = ctx;
  const canvas = h('canvas', { id, role: 'img' });
  fill(
    container,
    h('div', { class: 'chart-box' }, canvas),
    table({ className: 'figures', columns, rows: months.map(rowOf) }),
  );
  barChart(canvas, {
    labels: months.map(({ month }) => formatMonth(month, lang)),
    values: months.map((entry) => millionsForChart(amountOf(entry))),
    tooltips: months.map((entry) => formatDong(amountOf(entry), lang)),
    axisLabel: t('millionDong'),
    colors: color,
    locale: ctx.locale,
  });
}

/** Collections of each month of the year so far (GET /api/areas/{code}/totals per month). */
export function renderCollections(container, ctx, collections) {
  if (!collections?.value) return fill(container, problem(ctx, collections));
  const { lang, t } = ctx;
  monthlyChart(container, ctx, {
    id: 'chart-collections',
    months: collections.value,
    amountOf: ({ data }) => data.collections.amount,
    columns: [{ label: t('monthColumn') }, { label: t('amount'), className: 'num' }, { label: t('receipts'), className: 'num' }],
    rowOf: ({ month, data }) => [formatMonth(month, lang), groupDigits(data.collections.amount, lang), formatCount(data.collections.count, lang)],
    color: '#1f6feb',
  });
}

/** Benefit payouts of each month of the year so far (GET /api/payouts/{month}). */
export function renderPayouts(container, ctx, payouts) {
  if (!payouts?.value) return fill(container, problem(ctx, payouts));
  const { lang, t } = ctx;
  monthlyChart(container, ctx, {
    id: 'chart-payouts',
    months: payouts.value,
    amountOf: ({ data }) => data.total.amount,
    columns: [
      { label: t('monthColumn') },
      { label: t('amount'), className: 'num' },
      { label: t('payments'), className: 'num' },
      { label: t('recipients'), className: 'num' },
    ],
    rowOf: ({ month, data }) => [formatMonth(month, lang), groupDigits(data.total.amount, lang), formatCount(data.total.payments, lang), formatCount(data.total.recipients, lang)],
    color: '#2da44e',
  });
}

/**
 * This year's collections so far against the same months of the year before. An empty previous
 * year shows its amount without a change (no percentage of nothing).
 */
export function renderYearOnYear(element, ctx, result) {
  const { lang, t } = ctx;
  if (!result?.value) {
    element.textContent = '';
    return;
  }
  const { year, current, previous } = result.value;
  const params = { year: String(year - 1), amount: formatDong(previous.collections.amount, lang) };
  const change = percentChange(current.collections.amount, previous.collections.amount, lang);
  element.textContent = change === undefined ? t('yearOnYearNone', params) : t('yearOnYear', { ...params, change });
  element.dataset.current = current.collections.amount;
  element.dataset.previous = previous.collections.amount;
}
