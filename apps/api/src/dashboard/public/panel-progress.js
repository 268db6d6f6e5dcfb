import { h, fill } from './dom.js';
import { formatCount, formatMoneyShort, formatPercent } from './format.js';
import { problem } from './panel-common.js';

const SCHEMES = ['mandatorySocialInsurance', 'voluntarySocialInsurance', 'unemploymentInsurance', 'healthInsurance'];

/**
 * One labelled bar. The fill is the percentage, capped at the track (a district past its plan shows
 * a full bar in another colour); the text gives the exact percentage and figures.
 */
function bar(lang, { label, percent, detail, kind, metric }) {
  const known = typeof percent === 'number';
  const fillBar = h('span', { class: `bar-fill ${kind}${known && percent >= 100 ? ' done' : ''}` });
  fillBar.style.width = `${known ? Math.max(0, Math.min(percent, 100)) : 0}%`;
  return h(
    'div',
    { class: 'bar-row', dataset: { metric } },
    h('span', { class: 'bar-label' }, label),
    h('span', { class: 'bar-track' }, fillBar),
    h('span', { class: 'bar-value' }, formatPercent(percent, lang)),
    h('span', { class: 'bar-detail' }, detail),
  );
}

function planBars(ctx, plan) {
  const { lang, t } = ctx;
  return [
    {
      label: t('collection'),
      metric: 'collection',
      percent: plan.collection.percent,
      detail: `${formatMoneyShort(plan.collection.actual, lang)} / ${formatMoneyShort(plan.collection.target, lang)}`,
      kind: 'plan',
    },
    ...SCHEMES.map((scheme) => ({
      label: t(scheme),
      metric: scheme,
      percent: plan.participants[scheme].percentOfPlan,
      detail: `${formatCount(plan.participants[scheme].actual, lang)} / ${formatCount(plan.participants[scheme].target, lang)}`,
      kind: 'plan',
    })),
  ].map((row) => bar(lang, row));
}

function coverageBars(ctx, plan) {
  const { lang, t } = ctx;
  return SCHEMES.map((scheme) => {
    const health = scheme === 'healthInsurance';
    const figure = plan.participants[scheme];
    return bar(lang, {
      label: t(scheme),
      metric: `coverage-${scheme}`,
      percent: health ? figure.percentOfPopulation : figure.percentOfLabourForce,
      detail: t(health ? 'ofPopulation' : 'ofLabourForce'),
      kind: 'coverage',
    });
  });
}

function progressCard(ctx, { code, name, result }) {
  const card = (...body) => h('article', { class: 'card progress-card', dataset: { area: code } }, h('h3', {}, name, h('span', { class: 'code' }, ` ${code}`)), ...body);
  if (result?.error?.status === 404) return card(h('p', { class: 'hint' }, ctx.t('noPlan', { year: ctx.year })));
  if (!result?.value) return card(problem(ctx, result, { brief: true }));
  const plan = result.value;
  return card(
    h('p', { class: 'bar-group' }, ctx.t('ofPlan')),
    planBars(ctx, plan),
    h('p', { class: 'bar-group' }, ctx.t('coverage')),
    coverageBars(ctx, plan),
  );
}

/** Plan progress of the chosen area, then of each district of a chosen province. */
export function renderProgress(container, ctx, areas) {
  fill(container, areas.map((area) => progressCard(ctx, area)));
}
