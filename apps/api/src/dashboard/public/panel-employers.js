import { h, fill } from './dom.js';
import { compareMoney, formatCount, groupDigits } from './format.js';
import { problem } from './panel-common.js';

/** How each column reads its value and orders rows: text, money (decimal strings) or a count. */
const COLUMNS = [
  { key: 'unitCode', label: 'unitCode', kind: 'text' },
  { key: 'name', label: 'name', kind: 'text' },
  { key: 'area', label: 'area', kind: 'text' },
  { key: 'status', label: 'status', kind: 'text' },
  { key: 'bucket', label: 'bucket', kind: 'text' },
  { key: 'overdue', label: 'overdue', kind: 'money' },
  { key: 'interest', label: 'interest', kind: 'money' },
  { key: 'monthsOverdue', label: 'monthsOverdue', kind: 'count' },
];

const view = { sortKey: 'overdue', descending: true, search: '' };

/** Lower case without Vietnamese diacritics, so "quang tri" finds "Quảng Trị". */
function folded(text) {
  return String(text).normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

function cellValue(ctx, item, key) {
  if (key === 'area') return ctx.areaName(item.areaCode);
  if (key === 'status') return ctx.t(`status.${item.status}`);
  if (key === 'bucket') return ctx.t(`bucket.${item.bucket}`);
  return item[key];
}

function ordered(ctx, items) {
  const column = COLUMNS.find((c) => c.key === view.sortKey);
  const collator = new Intl.Collator(ctx.lang === 'vi' ? 'vi' : 'en', { numeric: true });
  const compare = (a, b) => {
    const x = cellValue(ctx, a, column.key);
    const y = cellValue(ctx, b, column.key);
    if (column.kind === 'money') return compareMoney(x, y);
    if (column.kind === 'count') return x - y;
    return collator.compare(String(x), String(y));
  };
  const needle = folded(view.search.trim());
  return items
    .filter((item) => needle === '' || folded(item.unitCode).includes(needle) || folded(item.name).includes(needle))
    .sort((a, b) => (view.descending ? -compare(a, b) : compare(a, b)) || (a.unitCode < b.unitCode ? -1 : 1));
}

function row(ctx, item) {
  const { lang, t } = ctx;
  const open = () => ctx.openEmployer(item.unitCode);
  return h(
    'tr',
    { class: 'clickable', dataset: { unitCode: item.unitCode }, onclick: open },
    h('td', {}, h('button', { type: 'button', class: 'link-button', 'aria-label': t('openTrace', { name: item.name }), onclick: (event) => (event.stopPropagation(), open()) }, item.unitCode)),
    h('td', {}, item.name),
    h('td', {}, ctx.areaName(item.areaCode)),
    h('td', {}, t(`status.${item.status}`)),
    h('td', {}, h('span', { class: `bucket bucket-${item.bucket}` }, t(`bucket.${item.bucket}`))),
    h('td', { class: 'num' }, groupDigits(item.overdue, lang)),
    h('td', { class: 'num' }, groupDigits(item.interest, lang), item.interestComputed === false ? h('abbr', { title: t('interestNotComputed') }, '*') : null),
    h('td', { class: 'num' }, formatCount(item.monthsOverdue, lang)),
  );
}

/** The arrears worklist as a table the reader can search (code or name) and sort by any column. */
export function renderEmployers(container, ctx, arrears) {
  if (!arrears?.value) return fill(container, problem(ctx, arrears));
  const items = arrears.value.items;
  const body = h('tbody');
  const count = h('p', { class: 'hint', id: 'employers-count', 'aria-live': 'polite' });
  const headerCells = COLUMNS.map((column) => {
    const button = h('button', { type: 'button', class: 'sort', dataset: { sort: column.key } }, ctx.t(column.label));
    const th = h('th', { scope: 'col', class: column.kind === 'text' ? undefined : 'num' }, button);
    button.addEventListener('click', () => {
      view.descending = view.sortKey === column.key ? !view.descending : column.kind !== 'text';
      view.sortKey = column.key;
      redraw();
    });
    return th;
  });
  const redraw = () => {
    const shown = ordered(ctx, items);
    body.replaceChildren(...shown.map((item) => row(ctx, item)));
    count.textContent = ctx.t('shown', { shown: formatCount(shown.length, ctx.lang), total: formatCount(items.length, ctx.lang) });
    COLUMNS.forEach((column, i) => {
      const sorted = column.key === view.sortKey ? (view.descending ? 'descending' : 'ascending') : 'none';
      headerCells[i].setAttribute('aria-sort', sorted);
    });
  };
  const search = h('input', { type: 'search', id: 'employer-search', placeholder: ctx.t('search'), 'aria-label': ctx.t('search'), value: view.search });
  search.addEventListener('input', () => {
    view.search = search.value;
    redraw();
  });
  fill(container, h('div', { class: 'table-tools' }, search, count), h('div', { class: 'table-wrap' }, h('table', { id: 'employer-table' }, h('thead', {}, h('tr', {}, headerCells)), body)));
  redraw();
}
