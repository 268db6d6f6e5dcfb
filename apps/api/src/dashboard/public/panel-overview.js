import { h, fill } from './dom.js';
import { formatCount, formatMoneyShort, formatMonth, formatPercent } from './format.js';

function kpi(id, label, value, note) {
  return h('div', { class: 'kpi card', id }, h('p', { class: 'kpi-label' }, label), h('p', { class: 'kpi-value' }, value), h('p', { class: 'kpi-note' }, note));
}

/** Four headline figures of the chosen area; a refused or missing source shows "—". */
export function renderOverview(container, ctx, { progress, arrears, payouts }) {
  const plan = progress?.value;
  const worklist = arrears?.value;
  const month = payouts?.value?.find((p) => p.month === ctx.period)?.data;
  const { lang, t } = ctx;
  fill(
    container,
    kpi('kpi-collection', t('kpiCollection'), plan ? formatMoneyShort(plan.collection.actual, lang) : '—', plan ? t('kpiOfPlan', { percent: formatPercent(plan.collection.percent, lang) }) : ''),
    kpi('kpi-arrears', t('kpiArrears'), worklist ? formatMoneyShort(worklist.totals.overdue, lang) : '—', worklist ? t('kpiArrearsEmployers', { count: formatCount(worklist.totals.employers, lang) }) : ''),
    kpi('kpi-payouts', t('kpiPayouts', { month: formatMonth(ctx.period, lang) }), month ? formatMoneyShort(month.total.amount, lang) : '—', month ? t('kpiPayments', { count: formatCount(month.total.payments, lang) }) : ''),
    kpi(
      'kpi-health',
      t('kpiHealthCoverage'),
      plan ? formatPercent(plan.participants.healthInsurance.percentOfPopulation, lang) : '—',
      plan ? `${t('kpiOfPopulation')} · ${formatCount(plan.participants.healthInsurance.actual, lang)}` : '',
    ),
  );
}
