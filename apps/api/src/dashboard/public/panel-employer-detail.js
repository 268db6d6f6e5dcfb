import { h, fill, table } from './dom.js';
import { formatCount, formatDate, formatDong, formatInstant, formatMonth, groupDigits } from './format.js';
import { problem } from './panel-common.js';

function figure(label, value, name) {
  return h('div', { class: 'figure', dataset: { figure: name } }, h('dt', {}, label), h('dd', {}, value));
}

/** One employer's arrears on the chosen date: the balance, each period, and every event behind it. */
export function renderEmployerDetail(container, ctx, result) {
  if (!result?.value) return fill(container, problem(ctx, result));
  const { lang, t } = ctx;
  const a = result.value;
  fill(
    container,
    h('h3', { id: 'detail-name' }, `${a.name} `, h('span', { class: 'code' }, a.unitCode)),
    h('p', { class: 'hint' }, `${ctx.areaName(a.areaCode)} · ${t(`status.${a.status}`)} · `, h('span', { class: `bucket bucket-${a.bucket}` }, t(`bucket.${a.bucket}`))),
    h(
      'dl',
      { class: 'figures-list' },
      figure(t('due'), formatDong(a.due, lang), 'due'),
      figure(t('paid'), formatDong(a.paid, lang), 'paid'),
      figure(t('outstanding'), formatDong(a.outstanding, lang), 'outstanding'),
      figure(t('overdueShort'), formatDong(a.overdue, lang), 'overdue'),
      figure(t('interestShort'), `${formatDong(a.interest, lang)}${a.interestComputed === false ? '*' : ''}`, 'interest'),
      figure(t('oldestUnpaidPeriod'), a.oldestUnpaidPeriod ? formatMonth(a.oldestUnpaidPeriod, lang) : '—', 'oldestUnpaidPeriod'),
      figure(t('monthsOverdue'), formatCount(a.monthsOverdue, lang), 'monthsOverdue'),
    ),
    a.interestComputed === false ? h('p', { class: 'hint', id: 'interest-note' }, `* ${t('interestNotComputed')} ${a.interestNotes.join('; ')}`) : null,
    h('h4', {}, t('periods')),
    table({
      className: 'figures periods',
      columns: [
        { label: t('period') },
        { label: t('due'), className: 'num' },
        { label: t('paid'), className: 'num' },
        { label: t('outstanding'), className: 'num' },
        { label: t('dueDate') },
        { label: t('daysLate'), className: 'num' },
        { label: t('interestShort'), className: 'num' },
      ],
      rows: a.periods.map((p) => [
        formatMonth(p.period, lang),
        groupDigits(p.due, lang),
        groupDigits(p.paid, lang),
        groupDigits(p.outstanding, lang),
        formatDate(p.dueDate, lang),
        formatCount(p.daysLate, lang),
        groupDigits(p.interest, lang),
      ]),
    }),
    h('h4', {}, t('trace')),
    table({
      className: 'figures trace',
      columns: [{ label: t('position'), className: 'num' }, { label: t('event') }, { label: t('recordedAt') }, { label: t('amount'), className: 'num' }, { label: t('detail') }],
      rows: a.trace.map((e) => [
        String(e.position),
        { text: `${t(`effect.${e.effect}`)} (${e.type})`, className: `effect-${e.effect}` },
        formatInstant(e.recordedAt, lang),
        e.amount === null ? '' : groupDigits(e.amount, lang),
        e.effect === 'status' ? t(`status.${e.detail}`) : (e.detail ?? ''),
      ]),
    }),
  );
}
