import { h, fill, table } from './dom.js';
import { formatCount, formatDate, formatMonth, groupDigits } from './format.js';
import { problem } from './panel-common.js';

// Collections from the bank (issue 24): the suspense queue of the chosen area, oldest first, and the
// chosen month's reconciliation of one collection account. Amounts are summed on BigInt from the
// API's decimal strings, never through a float.

/** The lists of a reconciliation, in the order the proof adds them up. */
const PARTS = ['matched', 'assigned', 'unmatched', 'returned'];

/** Credits waiting longest first: by value date, in the order they were loaded within a day. */
export function oldestFirst(items) {
  return [...items].sort((a, b) => (a.valueDate < b.valueDate ? -1 : a.valueDate > b.valueDate ? 1 : 0));
}

const sum = (amounts) => amounts.reduce((total, amount) => total + BigInt(amount), 0n).toString();

/** Whether the accounts were refused for the key's role: the panel is then not shown at all. */
export function refusedForRole(accounts) {
  return accounts?.error?.status === 403 && !accounts.error.isAreaRefusal;
}

function exportButtons(ctx, actions, path, params, name) {
  const status = h('span', { class: 'error export-error', role: 'alert' });
  const button = (format) =>
    h(
      'button',
      {
        type: 'button',
        class: 'link-button export',
        dataset: { export: `${name}-${format}` },
        onclick: () => {
          status.textContent = '';
          actions.download(path, { ...params, format }).catch((error) => (status.textContent = ctx.t('failed', { message: error.message })));
        },
      },
      format.toUpperCase(),
    );
  return h('span', { class: 'exports' }, `${ctx.t('bankExport')}: `, button('csv'), ' · ', button('xlsx'), status);
}

function accountPicker(ctx, bank, actions) {
  const items = bank.accounts.value.items;
  if (items.length === 0) return h('p', { class: 'hint', id: 'bank-no-account' }, ctx.t('bankNoAccount'));
  const select = h(
    'select',
    { id: 'bank-account', onchange: (event) => actions.chooseAccount(event.target.value) },
    items.map((a) => h('option', { value: a.account, selected: a.account === bank.account }, `${a.account} · ${a.bank} · ${ctx.areaName(a.areaCode)}`)),
  );
  return h('label', { class: 'bank-picker' }, h('span', {}, ctx.t('bankAccount')), select);
}

function reconciliation(ctx, bank, actions) {
  const { lang, t } = ctx;
  if (!bank.account) return null;
  const heading = h('h3', {}, t('bankReconciliation', { month: formatMonth(ctx.period, lang), account: bank.account }));
  const result = bank.reconciliation;
  if (!result?.value) return h('div', { id: 'bank-reconciliation' }, heading, problem(ctx, result));
  const r = result.value;
  const balance = (amount) => (amount === null ? t('bankNoBalance') : groupDigits(amount, lang));
  const line = (list) => ({ list, cells: [t(`bank.${list}`), formatCount(r[list].count, lang), groupDigits(r[list].amount, lang)] });
  const added = sum(PARTS.map((list) => r[list].amount));
  const ties = added === r.credits.amount && PARTS.reduce((n, list) => n + r[list].count, 0) === r.credits.count;
  const figures = table({
    className: 'figures bank-figures',
    columns: [{ label: t('bankList') }, { label: t('bankCount'), className: 'num' }, { label: t('amount'), className: 'num' }],
    rows: [
      [t('bankOpening'), '', balance(r.openingBalance)],
      line('credits').cells,
      ...PARTS.map((list) => line(list).cells),
      [t('bankClosing'), '', balance(r.closingBalance)],
    ],
  });
  const identity = h(
    'p',
    { id: 'bank-identity', class: ties ? 'hint ties' : 'error', dataset: { ties: String(ties) } },
    t(ties ? 'bankTies' : 'bankDoesNotTie', { parts: PARTS.map((list) => groupDigits(r[list].amount, lang)).join(' + '), sum: groupDigits(added, lang), credits: groupDigits(r.credits.amount, lang) }),
  );
  const ledgerOnly = table({
    className: 'figures bank-ledger-only',
    columns: [{ label: t('bankReceipt') }, { label: t('bankCollectedOn') }, { label: t('bankPayer') }, { label: t('amount'), className: 'num' }],
    rows: r.ledgerOnly.items.map((k) => [k.receiptNo, formatDate(k.collectedOn, lang), k.unitCode ?? k.personId ?? '', groupDigits(k.amount, lang)]),
    footer: [t('total'), t('bankCollections', { count: formatCount(r.ledgerOnly.count, lang) }), '', groupDigits(r.ledgerOnly.amount, lang)],
  });
  return h(
    'div',
    { id: 'bank-reconciliation' },
    heading,
    exportButtons(ctx, actions, `/api/bank-reconciliations/${encodeURIComponent(bank.account)}/${ctx.period}`, {}, 'reconciliation'),
    figures,
    identity,
    h('h4', {}, t('bankLedgerOnly')),
    h('p', { class: 'hint' }, t('bankLedgerOnlyHelp')),
    ledgerOnly,
  );
}

function suspense(ctx, bank, actions) {
  const { lang, t } = ctx;
  const heading = h('h3', {}, t('bankSuspense'));
  const result = bank.queue;
  if (!result?.value) return h('div', { id: 'bank-suspense' }, heading, problem(ctx, result));
  const items = oldestFirst(result.value.items);
  return h(
    'div',
    { id: 'bank-suspense' },
    heading,
    exportButtons(ctx, actions, '/api/bank-credits', { status: 'unmatched', area: bank.area, limit: bank.pageSize }, 'suspense'),
    h('p', { class: 'hint' }, t('bankSuspenseHelp')),
    result.value.truncated ? h('p', { class: 'error', id: 'bank-truncated' }, t('bankTruncated', { count: formatCount(items.length, lang) })) : null,
    items.length === 0
      ? h('p', { class: 'hint', id: 'bank-queue-empty' }, t('bankQueueEmpty'))
      : table({
          className: 'figures bank-queue',
          columns: [
            { label: t('bankValueDate') },
            { label: t('amount'), className: 'num' },
            { label: t('bankDescription') },
            { label: t('bankCounterparty') },
            { label: t('bankAge'), className: 'num' },
          ],
          rows: items.map((c) => [
            formatDate(c.valueDate, lang),
            groupDigits(c.amount, lang),
            c.description,
            [c.counterparty.name, c.counterparty.account].filter(Boolean).join(' · '),
            formatCount(c.ageDays, lang),
          ]),
          footer: [t('total'), groupDigits(sum(items.map((c) => c.amount)), lang), t('bankCredits', { count: formatCount(items.length, lang) }), '', ''],
        }),
  );
}

/**
 * The bank panel: `bank` holds `{area, accounts, account, reconciliation, queue, pageSize}` (each
 * result as panel-common's `settle` gives it); `actions` the account picker's and the exports' hooks.
 */
export function renderBank(section, ctx, bank, actions) {
  const container = section.querySelector('.panel-body');
  // Until the key's first answer the panel keeps its state: hidden on a first load, so a key that may
  // not read it never sees it appear; shown and loading when the reader only moved to another choice.
  if (bank?.accounts === undefined) return section.hidden || fill(container, problem(ctx, undefined));
  section.hidden = refusedForRole(bank.accounts);
  if (section.hidden) return fill(container);
  if (!bank.accounts.value) return fill(container, problem(ctx, bank.accounts));
  fill(container, accountPicker(ctx, bank, actions), reconciliation(ctx, bank, actions), suspense(ctx, bank, actions));
}
