import { barChart, BUCKET_COLORS } from './charts.js';
import { h, fill, table } from './dom.js';
import { formatCount, formatDong, groupDigits, millionsForChart } from './format.js';
import { problem } from './panel-common.js';

export const BUCKETS = ['current', 'under-1-month', '1-to-3-months', '3-months-plus', 'hard-to-collect'];

/** Overdue arrears of the chosen area by age bucket (GET /api/arrears totals.byBucket). */
export function renderArrearsBuckets(container, ctx, arrears) {
  if (!arrears?.value) return fill(container, problem(ctx, arrears));
  const { lang, t } = ctx;
  const { totals } = arrears.value;
  const canvas = h('canvas', { id: 'chart-arrears-buckets', role: 'img', 'aria-label': t('arrearsByBucket') });
  fill(
    container,
    h('div', { class: 'chart-box' }, canvas),
    table({
      className: 'figures',
      columns: [{ label: t('bucket') }, { label: t('employers'), className: 'num' }, { label: t('overdue'), className: 'num' }],
      rows: BUCKETS.map((bucket) => [t(`bucket.${bucket}`), formatCount(totals.byBucket[bucket]?.employers ?? 0, lang), groupDigits(totals.byBucket[bucket]?.overdue ?? '0', lang)]),
      footer: [t('total'), formatCount(totals.employers, lang), groupDigits(totals.overdue, lang)],
    }),
  );
  barChart(canvas, {
    labels: BUCKETS.map((bucket) => t(`bucket.${bucket}`)),
    values: BUCKETS.map((bucket) => millionsForChart(totals.byBucket[bucket]?.overdue ?? '0')),
    tooltips: BUCKETS.map((bucket) => formatDong(totals.byBucket[bucket]?.overdue ?? '0', lang)),
    axisLabel: t('millionDong'),
    colors: BUCKET_COLORS,
    locale: ctx.locale,
  });
}
