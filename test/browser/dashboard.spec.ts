import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { generateCommands } from '../../apps/cli/src/generate/index.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { launchChromium } from './chromium.js';
import { probeScreenshot } from './pixels.js';
import { apiGet, BUCKET_LABELS, folded, inEnglish, progressBars, vi, wholeWorklist } from './expected-figures.js';

/**
 * The dashboard in a real browser (Debian's Chromium through playwright-core) against a real
 * server holding the demo scenario: Quảng Trị (45), 2023–2024. Every figure the page shows is
 * checked against the API's own answer, formatted by the server's Vietnamese formatters.
 * Screenshots go to docs/screenshots/ when SOCAI_SCREENSHOTS=1 (so a plain test run leaves the
 * tree clean).
 */
const PROVINCE = '45';
const YEAR = 2024;
const MONTH = 12;
const AS_OF = '2024-12-31';
const LAPTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
const SCREENSHOTS = process.env.SOCAI_SCREENSHOTS === '1' ? join(process.cwd(), 'docs', 'screenshots') : undefined;
const BUCKETS = ['current', 'under-1-month', '1-to-3-months', '3-months-plus', 'hard-to-collect'];

let server: TestServer;
let browser: Browser;
const keys: Record<string, string> = {};
/** Uncaught errors and console errors of every page, other than the refusals the specs provoke. */
const pageErrors: string[] = [];

async function createKey(name: string, role: string, areas: string[]): Promise<string> {
  const response = await server.request('POST', '/api/keys', { name, role, areas });
  if (response.status !== 201) throw new Error(`POST /api/keys answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.key;
}

async function waitForReadModels(): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    const health = (await server.request('GET', '/health')).body;
    if (health.readModels.position >= health.eventStore.position) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the read models did not catch up with the imported scenario');
}

async function openPage(viewport: { width: number; height: number }, query = `?area=${PROVINCE}&year=${YEAR}&month=${MONTH}`): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'vi-VN' });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // The API's refusals (401, 403, 404 for a district without a plan) are logged by Chromium too.
    const refusedByApi = /status of 40[134]/.test(message.text()) && new URL(message.location().url).pathname.startsWith('/api/');
    if (message.type() === 'error' && !refusedByApi) pageErrors.push(`console: ${message.text()} (${message.location().url})`);
  });
  await page.goto(`${server.url}/${query}`);
  return { context, page };
}

async function logIn(page: Page, key: string): Promise<void> {
  await page.locator('#api-key').fill(key);
  await page.locator('#login-submit').click();
  await page.waitForSelector('body[data-state="ready"], body[data-state="login"]', { timeout: 60_000 });
}

/**
 * Takes a screenshot and checks what it shows (test/browser/pixels.ts): the size of what was
 * captured, and at the padding of every visible element of `shows` the colour the page paints there.
 */
async function screenshot(page: Page, name: string, shows: string[], fullPage = true): Promise<void> {
  const image = await page.screenshot({ fullPage });
  const { size, expectedSize, probes } = await probeScreenshot(page, image, fullPage);
  expect({ name, size }).toEqual({ name, size: expectedSize });
  expect({ name, probed: [...new Set(probes.map((probe) => probe.selector))].filter((selector) => shows.includes(selector)).sort() }).toEqual({ name, probed: [...shows].sort() });
  const wrong = probes.filter((probe) => probe.actual.some((value, i) => Math.abs(value - probe.expected[i]!) > 2));
  expect({ name, wrong }).toEqual({ name, wrong: [] });
  if (SCREENSHOTS) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    writeFileSync(join(SCREENSHOTS, name), image);
  }
}

const texts = (page: Page, selector: string) => page.locator(selector).allTextContents();
const tableRows = (page: Page, selector: string) =>
  page.$$eval(`${selector} tr`, (rows) => rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? '')));

beforeAll(async () => {
  browser = await launchChromium();
  server = await startTestServer();
  const home = await fetch(`${server.url}/`);
  if (home.status !== 200) throw new Error(`GET / answered ${home.status}: is DashboardController (apps/api/src/dashboard) registered in AppModule?`);
  const lines = [...generateCommands({ scenario: 'demo', seed: 7 })];
  const imported = await server.request('POST', '/api/import', lines.join('\n') + '\n');
  if (imported.status !== 200 || imported.body.refused !== 0) throw new Error(`the demo scenario did not import cleanly: ${JSON.stringify(imported.body).slice(0, 500)}`);
  await waitForReadModels();
  keys.auditor45 = await createKey('dashboard auditor', 'auditor', [PROVINCE]);
  keys.auditor95 = await createKey('Bạc Liêu auditor', 'auditor', ['95']);
  keys.inspector465 = await createKey('Hướng Hóa inspector', 'inspector', ['465']);
  keys.auditor44 = await createKey('new Quảng Trị auditor', 'auditor', ['44']);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the dashboard page', () => {
  it('is served without a key, with its scripts, the area table and the bundled chart library', async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<script type="module" src="/dashboard/app.js">');
    const chart = await fetch(`${server.url}/dashboard/vendor/chart.umd.min.js`);
    expect(chart.status).toBe(200);
    expect(chart.headers.get('content-type')).toMatch(/javascript/);
    const areas = (await (await fetch(`${server.url}/dashboard/areas.json`)).json()) as any;
    expect(areas.find((p: { code: string }) => p.code === PROVINCE).districts).toHaveLength(10);
    expect((await fetch(`${server.url}/dashboard/app.js`)).status).toBe(200);
    expect((await fetch(`${server.url}/dashboard/format.d.ts`)).status).toBe(404);
    expect((await fetch(`${server.url}/dashboard/..%2Fdashboard.controller.ts`)).status).toBe(404);
  });

  it('asks for a key, and says so plainly when the key is wrong (401)', async () => {
    const { context, page } = await openPage(PHONE);
    await page.waitForSelector('#login:not([hidden])');
    await screenshot(page, 'dashboard-login-phone.png', ['header.top', '.login-card', '#login-submit']);
    await logIn(page, 'sk_not-a-real-key');
    expect(await page.locator('#login-error').textContent()).toBe('Khóa API không đúng hoặc đã bị thu hồi (401). Hãy nhập lại khóa.');
    expect(await page.evaluate(() => (globalThis as any).sessionStorage.getItem('socai.apiKey'))).toBeNull();
    await context.close();
  });

  describe('logged in with an auditor key for Quảng Trị, December 2024', () => {
    let context: BrowserContext;
    let page: Page;
    let worklist: any;

    beforeAll(async () => {
      ({ context, page } = await openPage(LAPTOP));
      await logIn(page, keys.auditor45);
      worklist = await wholeWorklist(server, PROVINCE, AS_OF);
    }, 120_000);
    afterAll(async () => context?.close());

    it('keeps the key in sessionStorage only and shows the period', async () => {
      expect(await page.evaluate(() => (globalThis as any).document.body.dataset.state)).toBe('ready');
      expect(await page.evaluate(() => (globalThis as any).sessionStorage.getItem('socai.apiKey'))).toBe(keys.auditor45);
      expect(await page.evaluate(() => Object.keys((globalThis as any).localStorage).filter((k) => (globalThis as any).localStorage.getItem(k)?.startsWith('sk_')))).toEqual([]);
      expect(await page.locator('#as-of').textContent()).toBe('Số liệu đến hết ngày 31/12/2024');
      expect(await page.locator('#province').inputValue()).toBe(PROVINCE);
    });

    it('shows the headline figures of the province', async () => {
      const progress = await apiGet(server, `/api/plans/${YEAR}/progress?area=${PROVINCE}&asOf=${AS_OF}`);
      const payouts = await apiGet(server, `/api/payouts/${YEAR}-${MONTH}?area=${PROVINCE}`);
      expect(await texts(page, '#kpi-collection p')).toEqual(['Thu từ đầu năm', vi.money(progress.collection.actual), `${vi.percent(progress.collection.percent)} kế hoạch`]);
      expect(await texts(page, '#kpi-arrears p')).toEqual(['Nợ quá hạn', vi.money(worklist.totals.overdue), `${vi.count(worklist.totals.employers)} đơn vị nợ`]);
      expect(await texts(page, '#kpi-payouts p')).toEqual(['Chi trả tháng 12/2024', vi.money(payouts.total.amount), `${vi.count(payouts.total.payments)} lượt chi`]);
      expect(await texts(page, '#kpi-health p')).toEqual([
        'Bao phủ BHYT',
        vi.percent(progress.participants.healthInsurance.percentOfPopulation),
        `dân số · ${vi.count(progress.participants.healthInsurance.actual)}`,
      ]);
      expect(BigInt(progress.collection.actual)).toBeGreaterThan(0n);
    });

    it('shows plan progress bars for the province and each of its districts', async () => {
      const areas = (await (await fetch(`${server.url}/dashboard/areas.json`)).json()) as any;
      const codes = [PROVINCE, ...areas.find((p: { code: string }) => p.code === PROVINCE).districts.map((d: { code: string }) => d.code)];
      const expected: Record<string, unknown> = {};
      for (const code of codes) {
        const response = await server.request('GET', `/api/plans/${YEAR}/progress?area=${code}&asOf=${AS_OF}`);
        expected[code] = response.status === 404 ? 'Chưa giao kế hoạch năm 2024.' : progressBars(response.body);
      }
      expect(Object.values(expected).filter((card) => typeof card !== 'string').length).toBeGreaterThan(1);
      const shown = await page.$$eval('#plan-progress [data-area]', (cards) =>
        Object.fromEntries(
          cards.map((card) => {
            const rows = [...card.querySelectorAll('.bar-row')];
            if (rows.length === 0) return [(card as any).dataset.area, card.querySelector('.hint')?.textContent];
            return [
              (card as any).dataset.area,
              Object.fromEntries(rows.map((row) => [(row as any).dataset.metric, [row.querySelector('.bar-value')?.textContent, row.querySelector('.bar-detail')?.textContent]])),
            ];
          }),
        ),
      );
      expect(shown).toEqual(expected);
      expect(await page.locator('#plan-progress [data-area="465"] h3').textContent()).toBe('Huyện Hướng Hóa 465');
    });

    it('shows arrears by age bucket, as a chart and as figures', async () => {
      expect(await page.locator('#chart-arrears-buckets').boundingBox()).toMatchObject({ height: expect.any(Number) });
      expect(await tableRows(page, '#arrears-buckets tbody')).toEqual(
        BUCKETS.map((bucket) => [BUCKET_LABELS[bucket], vi.count(worklist.totals.byBucket[bucket].employers), vi.digits(worklist.totals.byBucket[bucket].overdue)]),
      );
      expect(await tableRows(page, '#arrears-buckets tfoot')).toEqual([['Tổng', vi.count(worklist.totals.employers), vi.digits(worklist.totals.overdue)]]);
    });

    it('shows collections and payouts of each month of the year', async () => {
      const months = Array.from({ length: MONTH }, (_, i) => `${YEAR}-${String(i + 1).padStart(2, '0')}`);
      const lastDay = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)), 0)).toISOString().slice(0, 10);
      const collections = [];
      const payouts = [];
      for (const month of months) {
        const totals = await apiGet(server, `/api/areas/${PROVINCE}/totals?from=${month}-01&to=${lastDay(month)}`);
        collections.push([vi.month(month), vi.digits(totals.collections.amount), vi.count(totals.collections.count)]);
        const paid = await apiGet(server, `/api/payouts/${month}?area=${PROVINCE}`);
        payouts.push([vi.month(month), vi.digits(paid.total.amount), vi.count(paid.total.payments), vi.count(paid.total.recipients)]);
      }
      expect(await tableRows(page, '#collections-monthly tbody')).toEqual(collections);
      expect(await tableRows(page, '#payouts-monthly tbody')).toEqual(payouts);
      expect(collections.some(([, amount]) => amount !== '0')).toBe(true);
      expect(payouts.some(([, amount]) => amount !== '0')).toBe(true);
      expect(await page.locator('#chart-collections').isVisible()).toBe(true);
      expect(await page.locator('#chart-payouts').isVisible()).toBe(true);
      await screenshot(page, 'dashboard-laptop.png', ['header.top', '.panel:not([hidden])', '.bar-fill']);
    });

    it('lists every employer in arrears, largest overdue first, and searches and sorts them', async () => {
      expect(worklist.items.length).toBeGreaterThan(1);
      const unitCodes = () => page.$$eval('#employer-table tbody tr', (rows) => rows.map((row) => (row as any).dataset.unitCode));
      expect(await unitCodes()).toEqual(worklist.items.map((item: { unitCode: string }) => item.unitCode));
      const first = worklist.items[0];
      expect(await page.locator('#employer-table tbody tr').first().locator('td').allTextContents()).toEqual([
        first.unitCode,
        first.name,
        expect.any(String),
        expect.any(String),
        BUCKET_LABELS[first.bucket],
        vi.digits(first.overdue),
        `${vi.digits(first.interest)}${first.interestComputed ? '' : '*'}`,
        vi.count(first.monthsOverdue),
      ]);
      expect(await page.locator('#employers-count').textContent()).toBe(`${worklist.items.length}/${worklist.items.length} đơn vị`);

      // Search ignores case and Vietnamese diacritics: "cong ty" finds "Công ty …".
      const word = folded(first.name).split(/\s+/).find((w: string) => w.length > 3) ?? folded(first.name);
      const matching = worklist.items.filter((item: { unitCode: string; name: string }) => folded(item.unitCode).includes(word) || folded(item.name).includes(word));
      await page.locator('#employer-search').fill(word.toUpperCase());
      expect(await unitCodes()).toEqual(matching.map((item: { unitCode: string }) => item.unitCode));
      expect(await page.locator('#employers-count').textContent()).toBe(`${matching.length}/${worklist.items.length} đơn vị`);
      await page.locator('#employer-search').fill('');

      await page.locator('#employer-table button[data-sort="unitCode"]').click();
      const byCode = worklist.items.map((item: { unitCode: string }) => item.unitCode).sort((a: string, b: string) => a.localeCompare(b, 'vi', { numeric: true }));
      expect(await unitCodes()).toEqual(byCode);
      await page.locator('#employer-table button[data-sort="unitCode"]').click();
      expect(await unitCodes()).toEqual([...byCode].reverse());
      await page.locator('#employer-table button[data-sort="overdue"]').click();
      expect(await unitCodes()).toEqual(worklist.items.map((item: { unitCode: string }) => item.unitCode));
    });

    it("opens one employer's arrears with its trace of events", async () => {
      const unitCode = worklist.items[0].unitCode;
      const arrears = await apiGet(server, `/api/employers/${unitCode}/arrears?asOf=${AS_OF}`);
      await page.locator(`#employer-table tr[data-unit-code="${unitCode}"] td`).nth(1).click();
      await page.waitForSelector(`#employer-detail[data-loaded="${unitCode}"]`);
      expect(await page.locator('#detail-name').textContent()).toBe(`${arrears.name} ${unitCode}`);
      const figures = await page.$$eval('#employer-detail [data-figure]', (nodes) => Object.fromEntries(nodes.map((n) => [(n as any).dataset.figure, n.querySelector('dd')?.textContent])));
      expect(figures).toEqual({
        due: vi.dong(arrears.due),
        paid: vi.dong(arrears.paid),
        outstanding: vi.dong(arrears.outstanding),
        overdue: vi.dong(arrears.overdue),
        interest: `${vi.dong(arrears.interest)}${arrears.interestComputed ? '' : '*'}`,
        oldestUnpaidPeriod: arrears.oldestUnpaidPeriod ? vi.month(arrears.oldestUnpaidPeriod) : '—',
        monthsOverdue: vi.count(arrears.monthsOverdue),
      });
      expect(await page.locator('#interest-note').count()).toBe(arrears.interestComputed ? 0 : 1);
      const periods = await tableRows(page, '#employer-detail table.periods tbody');
      expect(periods.map((row) => [row[0], row[1], row[2], row[3], row[5], row[6]])).toEqual(
        arrears.periods.map((p: any) => [vi.month(p.period), vi.digits(p.due), vi.digits(p.paid), vi.digits(p.outstanding), vi.count(p.daysLate), vi.digits(p.interest)]),
      );
      const trace = await tableRows(page, '#employer-detail table.trace tbody');
      expect(arrears.trace.length).toBeGreaterThan(1);
      expect(trace.map((row) => [row[0], row[3]])).toEqual(arrears.trace.map((e: any) => [String(e.position), e.amount === null ? '' : vi.digits(e.amount)]));
      expect(trace.map((row) => row[1])).toEqual(arrears.trace.map((e: any) => expect.stringContaining(`(${e.type})`)));
      await screenshot(page, 'dashboard-employer-trace-laptop.png', ['.panel:not([hidden])'], false);
      const panel = await page.locator('#employer-detail').screenshot();
      if (SCREENSHOTS) writeFileSync(join(SCREENSHOTS, 'dashboard-employer-detail-laptop.png'), panel);
    });

    it('switches to English labels and English number formatting, and back', async () => {
      const progress = await apiGet(server, `/api/plans/${YEAR}/progress?area=${PROVINCE}&asOf=${AS_OF}`);
      await page.locator('#language').click();
      expect(await page.locator('#plan-progress-title').textContent()).toBe('Plan progress by area');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.locator('#kpi-collection .kpi-value').textContent()).toBe(inEnglish(vi.money(progress.collection.actual)));
      expect(await page.locator('#arrears-buckets tfoot td').last().textContent()).toBe(inEnglish(vi.digits(worklist.totals.overdue)));
      await page.locator('#language').click();
      expect(await page.locator('#plan-progress-title').textContent()).toBe('Tiến độ kế hoạch theo địa bàn');
    });

    it('follows the period picker: June 2024 shows the half year', async () => {
      const progress = await apiGet(server, `/api/plans/${YEAR}/progress?area=${PROVINCE}&asOf=2024-06-30`);
      await page.locator('#month').selectOption('6');
      await page.waitForSelector('body[data-state="ready"]');
      expect(new URL(page.url()).search).toBe(`?area=${PROVINCE}&year=${YEAR}&month=6`);
      expect(await page.locator('#as-of').textContent()).toBe('Số liệu đến hết ngày 30/06/2024');
      expect(await page.locator('#collections-monthly tbody tr').count()).toBe(6);
      expect(await page.locator('#kpi-collection .kpi-value').textContent()).toBe(vi.money(progress.collection.actual));
      expect(progress.collection.actual).not.toBe((await apiGet(server, `/api/plans/${YEAR}/progress?area=${PROVINCE}&asOf=${AS_OF}`)).collection.actual);
      await page.locator('#month').selectOption(String(MONTH));
      await page.waitForSelector('body[data-state="ready"]');
    });

    it('fits a phone: nothing wider than the screen, tables scroll inside their frames', async () => {
      const phone = await openPage(PHONE);
      await logIn(phone.page, keys.auditor45);
      expect(await phone.page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      expect(await phone.page.locator('#kpi-collection .kpi-value').textContent()).toBe(await page.locator('#kpi-collection .kpi-value').textContent());
      await screenshot(phone.page, 'dashboard-phone.png', ['header.top', '.panel:not([hidden])'], false);
      await phone.page.locator('#arrears-buckets').scrollIntoViewIfNeeded();
      await phone.page.evaluate(() => (globalThis as any).document.getElementById('arrears-buckets').scrollIntoView());
      await screenshot(phone.page, 'dashboard-phone-charts.png', ['.panel:not([hidden])'], false);
      await phone.page.locator('#employer-table tbody tr').first().locator('td').nth(1).click();
      await phone.page.waitForSelector('#employer-detail[data-loaded]');
      expect(await phone.page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      await screenshot(phone.page, 'dashboard-employer-trace-phone.png', ['.panel:not([hidden])'], false);
      await phone.context.close();
    });
  });

  it('says that a key of another area may not see this one (403)', async () => {
    const { context, page } = await openPage(LAPTOP);
    await logIn(page, keys.auditor95);
    expect(await page.evaluate(() => (globalThis as any).document.body.dataset.state)).toBe('ready');
    expect(await page.locator('#banner').textContent()).toBe(
      'Khóa API này không có quyền xem Tỉnh Quảng Trị (45) (403). Hãy chọn địa bàn khác hoặc dùng khóa của địa bàn này.',
    );
    const areaRefusal = 'Khóa API này không được xem dữ liệu của Tỉnh Quảng Trị (45) (403). Hãy chọn địa bàn mà khóa được cấp.';
    for (const panel of ['arrears-buckets', 'collections-monthly', 'payouts-monthly', 'employers']) {
      expect(await page.locator(`#${panel} .forbidden`).evaluate((node) => node.firstChild?.textContent)).toBe(areaRefusal);
    }
    expect(await page.locator('#kpi-collection .kpi-value').textContent()).toBe('—');
    expect(await page.locator('#employer-table').count()).toBe(0);
    await screenshot(page, 'dashboard-403-laptop.png', ['header.top', '.banner:not([hidden])'], false);
    await context.close();
  });

  it("shows a district key its district, and says which sections its role may not see", async () => {
    const { context, page } = await openPage(LAPTOP, `?area=465&year=${YEAR}&month=${MONTH}`);
    await logIn(page, keys.inspector465);
    expect(await page.locator('#banner').isHidden()).toBe(true);
    expect(await page.locator('#district').inputValue()).toBe('465');
    const worklist = await wholeWorklist(server, '465', AS_OF);
    expect(await page.locator('#employer-table tbody tr').count()).toBe(worklist.items.length);
    expect(await page.locator('#payouts-monthly .forbidden').evaluate((node) => node.firstChild?.textContent)).toBe('Vai trò của khóa API này không được xem mục này (403).');
    await page.locator('#province').selectOption(PROVINCE);
    await page.waitForSelector('body[data-state="ready"]');
    expect(await page.locator('#banner').isVisible()).toBe(true);
    expect(await page.locator('#plan-progress [data-area="465"] .bar-row').count()).toBe(9);
    expect(await page.locator('#plan-progress [data-area="461"] .forbidden').evaluate((node) => node.firstChild?.textContent)).toBe('Khóa API này không được xem địa bàn này (403).');
    await context.close();
  });

  describe("the province picker in today's map (issue 28)", () => {
    const optionTexts = (page: Page, group: string) => page.locator(`#province optgroup[data-group="${group}"] option`).allTextContents();

    it('lists the 34 current provinces and the 63 old ones under "before 2025-07"', async () => {
      const { context, page } = await openPage(LAPTOP, '?area=44&year=2025&month=12');
      await logIn(page, keys.auditor44);
      const current = await optionTexts(page, 'current');
      const before = await optionTexts(page, 'before 2025-07');
      expect([current.length, before.length]).toEqual([34, 63]);
      expect(await page.locator('#province option').count()).toBe(97);
      expect(current.slice(0, 2)).toEqual(['Thành phố Hà Nội (01)', 'Tỉnh Cao Bằng (04)']);
      expect(current.filter((text) => /Quảng (Trị|Bình)/.test(text))).toEqual(['Tỉnh Quảng Trị (44)']);
      expect(before.filter((text) => /Quảng (Trị|Bình)/.test(text))).toEqual(['Tỉnh Quảng Bình (44)', 'Tỉnh Quảng Trị (45)']);
      expect(before).toContain('Tỉnh Bạc Liêu (95)');
      expect(current).not.toContain('Tỉnh Bạc Liêu (95)');
      expect(await page.locator('#province optgroup').evaluateAll((groups) => groups.map((group) => (group as any).label))).toEqual(['Từ 01/07/2025', 'Trước 2025-07']);
      expect(await page.locator('#province').inputValue()).toBe('44');
      await context.close();
    });

    it('drills a current province into its communes from 2025-07 and into both predecessors\' districts before', async () => {
      const { context, page } = await openPage(LAPTOP, '?area=44&year=2025&month=12');
      await logIn(page, keys.auditor44);
      expect(await page.locator('#district-label').textContent()).toBe('Xã/phường');
      expect(await page.locator('#district option').count()).toBe(1 + 78);
      expect(await page.locator('#district option').nth(1).textContent()).toBe('Phường Đồng Thuận');
      await page.locator('#year').selectOption('2024');
      await page.waitForSelector('body[data-state="ready"]');
      expect(await page.locator('#district-label').textContent()).toBe('Quận/huyện');
      // Quảng Bình's 8 districts and the old Quảng Trị's 10, Hướng Hóa among them.
      expect(await page.locator('#district option').count()).toBe(1 + 18);
      expect(await page.locator('#district option[value="465"]').textContent()).toBe('Huyện Hướng Hóa');
      await page.locator('#province').selectOption('45');
      await page.waitForSelector('body[data-state="ready"]');
      expect(await page.locator('#district option').count()).toBe(1 + 10);
      expect(new URL(page.url()).search).toBe('?area=45&year=2024&month=12');
      await page.locator('#province').selectOption('44-before');
      await page.waitForSelector('body[data-state="ready"]');
      expect(await page.locator('#district option').allTextContents()).toEqual(['Toàn tỉnh', 'Thành phố Đồng Hới', 'Huyện Minh Hóa', 'Huyện Tuyên Hóa', 'Huyện Quảng Trạch', 'Huyện Bố Trạch', 'Huyện Quảng Ninh', 'Huyện Lệ Thủy', 'Thị xã Ba Đồn']);
      await context.close();
    });

    it('compares the new Quảng Trị\'s 2025 with 2024 through the API, by its current code', async () => {
      const { context, page } = await openPage(LAPTOP, '?area=44&year=2025&month=12');
      const asked: string[] = [];
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.pathname.startsWith('/api/areas/')) asked.push(`${url.pathname}${url.search}`);
      });
      await logIn(page, keys.auditor44);
      expect(asked).toContain('/api/areas/44/totals?from=2025-01-01&to=2025-12-31');
      expect(asked).toContain('/api/areas/44/totals?from=2024-01-01&to=2024-12-31');
      expect(asked.filter((path) => !path.startsWith('/api/areas/44/'))).toEqual([]);
      const thisYear = await apiGet(server, '/api/areas/44/totals?from=2025-01-01&to=2025-12-31');
      const lastYear = await apiGet(server, '/api/areas/44/totals?from=2024-01-01&to=2024-12-31');
      // The demo scenario of this spec ends in December 2024: nothing is collected in 2025.
      expect(thisYear.collections.amount).toBe('0');
      const yoy = page.locator('#collections-yoy');
      expect(await yoy.getAttribute('data-previous')).toBe(lastYear.collections.amount);
      expect(await yoy.textContent()).toBe(lastYear.collections.amount === '0'
        ? 'Cùng kỳ năm 2024: 0 đ'
        : `Cùng kỳ năm 2024: ${vi.dong(lastYear.collections.amount)} (-100,0%)`);
      await context.close();
    });
  });

  it('raised no script errors in any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
