// The dashboard page: asks for an API key, lets the reader choose an area and a month, and loads
// every panel from /api with that key. Each panel shows its own refusal (401 sends the reader back
// to the key form; 403 says the key may not see that area or that section), so a key limited to
// some areas or roles still sees what it may.

import { downloadFile, forgetKey, getJson, storedKey, storeKey } from './api.js';
import { areaNames, entryOf, locate, provinceGroups, subAreasOf } from './area-picker.js';
import { formatDate } from './format.js';
import { LANGUAGES, t } from './i18n.js';
import { renderArrearsBuckets } from './panel-arrears.js';
import { renderBank } from './panel-bank.js';
import { lastDayOf, monthsUpTo, settle } from './panel-common.js';
import { renderEmployerDetail } from './panel-employer-detail.js';
import { renderEmployers } from './panel-employers.js';
import { renderCollections, renderPayouts, renderYearOnYear } from './panel-monthly.js';
import { renderOverview } from './panel-overview.js';
import { renderProgress } from './panel-progress.js';

const $ = (id) => document.getElementById(id);
const FIRST_YEAR = 2016;
/** The worklist is read in pages of the API's largest size, up to this many employers. */
const WORKLIST_PAGE = 500;
const WORKLIST_PAGES_MAX = 40;
/** The suspense queue is read in pages of the API's largest size, up to this many credits. */
const QUEUE_PAGE = 1000;
const QUEUE_PAGES_MAX = 10;

const state = {
  lang: LANGUAGES.includes(localStorage.getItem('socai.lang')) ? localStorage.getItem('socai.lang') : 'vi',
  provinces: [],
  names: new Map(),
  province: '',
  district: '',
  year: 0,
  month: 0,
  /** The collection account whose reconciliation the bank panel shows; kept while the reader moves. */
  bankAccount: '',
  generation: 0,
  results: {},
};

const pad = (n) => String(n).padStart(2, '0');
const period = () => `${state.year}-${pad(state.month)}`;
/** `state.province` is the picker's option value; the area asked of the API is its code. */
const provinceCode = () => entryOf(state.provinces, state.province)?.code ?? state.province;
const selectedArea = () => state.district || provinceCode();
/** Districts before 2025-07, a current province's communes from then. */
const subAreas = () => subAreasOf(entryOf(state.provinces, state.province), period());

function context() {
  const area = selectedArea();
  return {
    lang: state.lang,
    locale: state.lang === 'vi' ? 'vi-VN' : 'en-GB',
    t: (key, params) => t(state.lang, key, params),
    areaName: (code) => state.names.get(code) ?? code,
    areaLabel: `${state.names.get(area) ?? area} (${area})`,
    year: state.year,
    period: period(),
    asOf: lastDayOf(period()),
    openEmployer,
  };
}

// ---- words and pickers ----

function applyWords() {
  document.documentElement.lang = state.lang;
  document.title = t(state.lang, 'title');
  for (const element of document.querySelectorAll('[data-i18n]')) element.textContent = t(state.lang, element.dataset.i18n);
  const other = state.lang === 'vi' ? 'en' : 'vi';
  $('language').textContent = t(state.lang, 'switchLanguage');
  $('language').lang = other;
  $('api-key').placeholder = t(state.lang, 'keyLabel');
}

function option(value, label, selected) {
  const element = document.createElement('option');
  element.value = value;
  element.textContent = label;
  element.selected = selected;
  return element;
}

function fillPickers() {
  const labels = { current: t(state.lang, 'currentProvinces'), before: t(state.lang, 'beforeReorganisation') };
  $('province').replaceChildren(...provinceGroups(state.provinces, state.province, labels, option));
  const { level, areas } = subAreas();
  $('district-label').dataset.i18n = level;
  $('district-label').textContent = t(state.lang, level);
  $('district').replaceChildren(option('', t(state.lang, 'wholeProvince'), state.district === ''), ...areas.map((d) => option(d.code, d.name, d.code === state.district)));
  const lastYear = Math.max(new Date().getFullYear(), state.year);
  const years = Array.from({ length: lastYear - FIRST_YEAR + 1 }, (_, i) => lastYear - i);
  $('year').replaceChildren(...years.map((y) => option(String(y), String(y), y === state.year)));
  $('month').replaceChildren(...Array.from({ length: 12 }, (_, i) => option(String(i + 1), pad(i + 1), i + 1 === state.month)));
  $('as-of').textContent = t(state.lang, 'asOfNote', { date: formatDate(lastDayOf(period()), state.lang) });
}

/** The area and month from the address (`?area=465&year=2024&month=12`), else the last choice, else today. */
function readChoice() {
  const saved = JSON.parse(sessionStorage.getItem('socai.choice') ?? '{}');
  const params = new URLSearchParams(location.search);
  const area = params.get('area') ?? saved.area ?? state.provinces[0]?.code ?? '';
  const found = locate(state.provinces, area);
  state.province = found?.key ?? state.provinces[0]?.key ?? '';
  state.district = found?.district ?? '';
  const now = new Date();
  const year = Number(params.get('year') ?? saved.year ?? now.getFullYear());
  const month = Number(params.get('month') ?? saved.month ?? now.getMonth() + 1);
  state.year = Number.isInteger(year) && year >= FIRST_YEAR && year <= 2100 ? year : now.getFullYear();
  state.month = Number.isInteger(month) && month >= 1 && month <= 12 ? month : now.getMonth() + 1;
}

function saveChoice() {
  const choice = { area: selectedArea(), year: state.year, month: state.month };
  sessionStorage.setItem('socai.choice', JSON.stringify(choice));
  history.replaceState(null, '', `?${new URLSearchParams({ area: choice.area, year: String(choice.year), month: String(choice.month) })}`);
}

// ---- login ----

function showLogin(message) {
  $('dashboard').hidden = true;
  // The next key proves again that it may read the bank's figures before the panel shows.
  $('bank').hidden = true;
  $('logout').hidden = true;
  $('login').hidden = false;
  $('login-error').hidden = !message;
  $('login-error').textContent = message ?? '';
  document.body.dataset.state = 'login';
  $('api-key').focus();
}

function showDashboard() {
  $('login').hidden = true;
  $('dashboard').hidden = false;
  $('logout').hidden = false;
  fillPickers();
  load();
}

/** A 401 anywhere: the key is wrong or revoked, so forget it and ask again. */
function unauthorised() {
  state.generation += 1;
  forgetKey();
  showLogin(t(state.lang, 'badKey'));
}

// ---- loading ----

/** Runs one request for the current choice; stale answers (the reader moved on) are dropped. */
async function fetchFor(generation, request) {
  const result = await settle(request);
  if (generation !== state.generation) return undefined;
  if (result.error?.status === 401) {
    unauthorised();
    return undefined;
  }
  return result;
}

async function loadWorklist(area, asOf) {
  const first = await getJson('/api/arrears', { area, asOf, limit: WORKLIST_PAGE });
  const items = [...first.items];
  let cursor = first.nextCursor;
  for (let page = 1; cursor && page < WORKLIST_PAGES_MAX; page += 1) {
    const next = await getJson('/api/arrears', { area, asOf, limit: WORKLIST_PAGE, cursor });
    items.push(...next.items);
    cursor = next.nextCursor;
  }
  return { ...first, items };
}

/**
 * Collections from January to the chosen month, and over the same months a year earlier: a current
 * province's earlier year includes the provinces it took over (the API's answer for its code).
 */
async function yearOnYear(area, ctx) {
  const previous = `${ctx.year - 1}-${ctx.period.slice(5)}`;
  const [current, earlier] = await Promise.all([
    getJson(`/api/areas/${area}/totals`, { from: `${ctx.year}-01-01`, to: ctx.asOf }),
    getJson(`/api/areas/${area}/totals`, { from: `${ctx.year - 1}-01-01`, to: lastDayOf(previous) }),
  ]);
  return { year: ctx.year, current, previous: earlier };
}

/** The suspense queue of an area, every page up to the cap; `truncated` when more were left. */
async function loadQueue(area) {
  const items = [];
  let cursor;
  for (let page = 0; page < QUEUE_PAGES_MAX; page += 1) {
    const next = await getJson('/api/bank-credits', { status: 'unmatched', area, limit: QUEUE_PAGE, cursor });
    items.push(...next.items);
    cursor = next.nextCursor;
    if (!cursor) break;
  }
  return { items, truncated: Boolean(cursor) };
}

/**
 * The bank panel's data: the area's collection accounts first (a key whose role may not read them is
 * refused there, and the panel stays hidden), then the queue and the chosen account's month.
 */
async function loadBank(generation, area, ctx) {
  const accounts = await fetchFor(generation, getJson('/api/bank-accounts', { area }));
  if (!accounts) return;
  state.results.bank = { area, accounts, pageSize: QUEUE_PAGE };
  if (accounts.value) {
    const items = accounts.value.items;
    state.bankAccount = items.some((a) => a.account === state.bankAccount) ? state.bankAccount : (items[0]?.account ?? '');
    state.results.bank.account = state.bankAccount;
  }
  render('bank');
  if (!accounts.value) return;
  await Promise.all([
    (async () => {
      const queue = await fetchFor(generation, loadQueue(area));
      if (queue) (state.results.bank.queue = queue), render('bank');
    })(),
    loadReconciliation(generation, ctx),
  ]);
}

async function loadReconciliation(generation, ctx) {
  const account = state.bankAccount;
  if (!account) return;
  const result = await fetchFor(generation, getJson(`/api/bank-reconciliations/${encodeURIComponent(account)}/${ctx.period}`));
  if (!result || state.results.bank?.account !== account) return;
  state.results.bank.reconciliation = result;
  render('bank');
}

const bankActions = {
  chooseAccount(account) {
    state.bankAccount = account;
    if (!state.results.bank) return;
    state.results.bank.account = account;
    state.results.bank.reconciliation = undefined;
    render('bank');
    loadReconciliation(state.generation, context());
  },
  download: (path, params) => downloadFile(path, params),
};

const monthly = (months, read) => Promise.all(months.map(async (month) => ({ month, data: await read(month) })));

async function load() {
  const generation = ++state.generation;
  const ctx = context();
  const area = selectedArea();
  state.results = {};
  $('employer-detail').hidden = true;
  document.body.dataset.state = 'loading';
  render();

  // One request first, so a wrong key costs one 401 rather than dozens.
  const own = await fetchFor(generation, getJson(`/api/plans/${ctx.year}/progress`, { area, asOf: ctx.asOf }));
  if (!own) return;
  const districts = state.district ? [] : subAreas().areas;
  state.results.progress = [{ code: area, name: ctx.areaName(area), result: own }, ...districts.map((d) => ({ code: d.code, name: d.name, result: undefined }))];
  render('overview', 'progress');

  const months = monthsUpTo(ctx.year, Number(ctx.period.slice(5)));
  const tasks = [
    ...districts.map(async (district, i) => {
      const result = await fetchFor(generation, getJson(`/api/plans/${ctx.year}/progress`, { area: district.code, asOf: ctx.asOf }));
      if (!result) return;
      state.results.progress[i + 1].result = result;
      render('progress');
    }),
    (async () => {
      const result = await fetchFor(generation, loadWorklist(area, ctx.asOf));
      if (result) (state.results.arrears = result), render('overview', 'arrears', 'employers');
    })(),
    (async () => {
      const result = await fetchFor(generation, monthly(months, (m) => getJson(`/api/areas/${area}/totals`, { from: `${m}-01`, to: lastDayOf(m) })));
      if (result) (state.results.collections = result), render('collections');
    })(),
    (async () => {
      const result = await fetchFor(generation, yearOnYear(area, ctx));
      if (result) (state.results.yearOnYear = result), render('yearOnYear');
    })(),
    (async () => {
      const result = await fetchFor(generation, monthly(months, (m) => getJson(`/api/payouts/${m}`, { area })));
      if (result) (state.results.payouts = result), render('overview', 'payouts');
    })(),
    loadBank(generation, area, ctx),
  ];
  await Promise.all(tasks);
  if (generation !== state.generation) return;
  document.body.dataset.state = 'ready';
}

function renderBanner(ctx) {
  const { progress, arrears, collections, payouts } = state.results;
  const own = [progress?.[0]?.result, arrears, collections, payouts];
  const refused = own.some((result) => result?.error?.status === 403 && result.error.isAreaRefusal);
  $('banner').hidden = !refused;
  $('banner').textContent = refused ? ctx.t('forbiddenBanner', { area: ctx.areaLabel }) : '';
}

const PANELS = {
  overview: (ctx, body) => renderOverview(body('overview'), ctx, { progress: state.results.progress?.[0]?.result, arrears: state.results.arrears, payouts: state.results.payouts }),
  progress: (ctx, body) => renderProgress(body('plan-progress'), ctx, state.results.progress ?? [{ code: selectedArea(), name: ctx.areaName(selectedArea()), result: undefined }]),
  arrears: (ctx, body) => renderArrearsBuckets(body('arrears-buckets'), ctx, state.results.arrears),
  collections: (ctx, body) => renderCollections(body('collections-monthly'), ctx, state.results.collections),
  yearOnYear: (ctx) => renderYearOnYear($('collections-yoy'), ctx, state.results.yearOnYear),
  payouts: (ctx, body) => renderPayouts(body('payouts-monthly'), ctx, state.results.payouts),
  employers: (ctx, body) => renderEmployers(body('employers'), ctx, state.results.arrears),
  detail: (ctx, body) => state.results.detail && renderEmployerDetail(body('employer-detail'), ctx, state.results.detail.result),
  bank: (ctx) => renderBank($('bank'), ctx, state.results.bank, bankActions),
};

/** Redraws the banner and the named panels (all by default) from the results loaded so far. */
function render(...names) {
  const ctx = context();
  const body = (id) => $(id).querySelector('.panel-body');
  renderBanner(ctx);
  for (const name of names.length > 0 ? names : Object.keys(PANELS)) PANELS[name](ctx, body);
}

async function openEmployer(unitCode) {
  const generation = state.generation;
  const ctx = context();
  const section = $('employer-detail');
  state.results.detail = { unitCode, result: undefined };
  delete section.dataset.loaded;
  section.hidden = false;
  renderEmployerDetail(section.querySelector('.panel-body'), ctx, undefined);
  section.scrollIntoView({ block: 'start' });
  section.focus({ preventScroll: true });
  const result = await fetchFor(generation, getJson(`/api/employers/${encodeURIComponent(unitCode)}/arrears`, { asOf: ctx.asOf }));
  if (!result || state.results.detail?.unitCode !== unitCode) return;
  state.results.detail.result = result;
  renderEmployerDetail(section.querySelector('.panel-body'), context(), result);
  // Scrolled again: only now is the panel tall enough to come to the top of the screen.
  section.scrollIntoView({ block: 'start' });
  section.dataset.loaded = unitCode;
}

// ---- wiring ----

function onChoice(change) {
  change();
  // A district chosen for 2024 is no sub-area of a current province in 2025 (communes then), and back.
  if (state.district && !subAreas().areas.some((area) => area.code === state.district)) state.district = '';
  saveChoice();
  fillPickers();
  load();
}

async function boot() {
  applyWords();
  try {
    const response = await fetch('/dashboard/areas.json');
    state.provinces = await response.json();
  } catch (error) {
    $('banner').hidden = false;
    $('banner').textContent = t(state.lang, 'failed', { message: String(error) });
  }
  state.names = areaNames(state.provinces);
  readChoice();

  $('login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const key = $('api-key').value.trim();
    if (key === '') return showLogin(t(state.lang, 'emptyKey'));
    storeKey(key);
    $('api-key').value = '';
    showDashboard();
  });
  $('logout').addEventListener('click', () => {
    state.generation += 1;
    forgetKey();
    showLogin();
  });
  $('language').addEventListener('click', () => {
    state.lang = state.lang === 'vi' ? 'en' : 'vi';
    localStorage.setItem('socai.lang', state.lang);
    applyWords();
    fillPickers();
    if (!$('dashboard').hidden) render();
  });
  $('province').addEventListener('change', (e) => onChoice(() => ((state.province = e.target.value), (state.district = ''))));
  $('district').addEventListener('change', (e) => onChoice(() => (state.district = e.target.value)));
  $('year').addEventListener('change', (e) => onChoice(() => (state.year = Number(e.target.value))));
  $('month').addEventListener('change', (e) => onChoice(() => (state.month = Number(e.target.value))));
  $('detail-close').addEventListener('click', () => {
    $('employer-detail').hidden = true;
    state.results.detail = undefined;
  });

  if (storedKey()) showDashboard();
  else showLogin();
}

boot();
