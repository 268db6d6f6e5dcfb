import { h } from './dom.js';

/**
 * A loaded piece of data: `{value}` once it came, `{error}` if it was refused, undefined while
 * loading. Panels render each state; a refusal never hides the rest of the page.
 */
export function settle(promise) {
  return promise.then(
    (value) => ({ value }),
    (error) => ({ error }),
  );
}

/**
 * What to show instead of a panel's figures: loading, or why the server refused them. `brief` is
 * for the small cards of one area each, whose heading already names the area.
 */
export function problem(ctx, result, { brief = false } = {}) {
  if (!result) return h('p', { class: 'hint loading' }, ctx.t('loading'));
  const { error } = result;
  if (error?.status === 403) {
    const text = !error.isAreaRefusal ? ctx.t('forbiddenRole') : brief ? ctx.t('forbiddenAreaBrief') : ctx.t('forbiddenArea', { area: ctx.areaLabel });
    return h('p', { class: 'error forbidden', role: 'alert', dataset: { status: '403' } }, text, h('small', {}, ` ${error.message}`));
  }
  return h('p', { class: 'error', role: 'alert' }, ctx.t('failed', { message: error?.message ?? String(error) }));
}

/** The months of the chosen year up to the chosen month: ['2024-01', …, '2024-12']. */
export function monthsUpTo(year, month) {
  return Array.from({ length: month }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

/** The last day of a month: 2024-02 → 2024-02-29 (from the calendar, no time zone involved). */
export function lastDayOf(month) {
  const [y, m] = month.split('-').map(Number);
  const day = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}
