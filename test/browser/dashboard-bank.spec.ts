import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { addDays, todayUtc } from '#domain';
import { auth, startTestServer, type TestServer } from '../support/test-server.js';
import { launchChromium } from './chromium.js';
import { apiGet, vi } from './expected-figures.js';

/**
 * The dashboard's bank panel (issue 24, item 4) in Debian's Chromium against a real server holding
 * statements with known lines: camt.053, MT940 and the bank's CSV of Quảng Trị's (45) collection
 * account, November 2023, with a wrong match reversed and assigned by hand, a return, a cash
 * collection no credit explains, and a credit of October loaded last. Every figure and row the panel
 * shows is written out here (Vietnamese grouping from the server's formatter).
 */
const ACCOUNT = '0071000123456';
/** A second collection account of the province, with no statement yet: the picker's other choice. */
const QUIET_ACCOUNT = '1201000999999';
const fixture = (name: string) => readFileSync(new URL(`../../libs/bank/src/fixtures/${name}`, import.meta.url));
const CAMT = fixture('vcb-2023-11.camt053.xml');
const CSV = fixture('vietcombank-2023-11.csv').toString('utf8');
// The same export a day later: its four lines again, two new credits, and one of October the bank added late.
const LATER_CSV = CSV.replace(
  'Tổng cộng;',
  '03/11/2023;03/11/2023;FT23307000010;BHXH T10/2023 TB0200B;CONG TY TNHH THANH BINH;0881000777888;20.000.000;\r\n' +
    '03/11/2023;03/11/2023;FT23307000011;ung ho;NGUYEN VAN A;0991000111222;5.000.000;\r\n' +
    '31/10/2023;31/10/2023;FT23304000009;chuyen tien;TRAN THI C;0991000999888;7.500.000;\r\nTổng cộng;',
);
const LAPTOP = { width: 1366, height: 900 };

let server: TestServer;
let browser: Browser;
let accountsDir: string;
const savedAccountsFile = process.env.SOCAI_BANK_ACCOUNTS_FILE;
const keys: Record<string, string> = {};
const pageErrors: string[] = [];

/** Days from a value date to `today`, as the API counts a credit's age. */
const ageOf = (valueDate: string, today: string) => String((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${valueDate}T00:00:00Z`)) / 86_400_000);

async function post(path: string, body: unknown) {
  const response = await server.request('POST', path, body);
  if (response.status !== 201) throw new Error(`POST ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

async function loadStatement(body: string | Buffer, type: string) {
  const response = await fetch(`${server.url}/api/bank-statements?account=${ACCOUNT}`, { method: 'POST', body, headers: { 'content-type': type, ...auth(server.adminKey) } });
  if (response.status !== 201) throw new Error(`the statement answered ${response.status}: ${await response.text()}`);
}

async function openPanel(key: string, query = '?area=45&year=2023&month=11', viewport = LAPTOP): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'vi-VN', acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // The API's refusals (403 for a role or an area, 404 for a month without a plan) are logged by Chromium too.
    const refusedByApi = /status of 40[34]/.test(message.text()) && new URL(message.location().url).pathname.startsWith('/api/');
    if (message.type() === 'error' && !refusedByApi) pageErrors.push(`console: ${message.text()}`);
  });
  await page.goto(`${server.url}/${query}`);
  await page.locator('#api-key').fill(key);
  await page.locator('#login-submit').click();
  await page.waitForSelector('body[data-state="ready"]', { timeout: 60_000 });
  return page;
}

const tableRows = (page: Page, selector: string) =>
  page.$$eval(`${selector} tr`, (rows) => rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? '')));

async function waitForReadModels(): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    const health = (await server.request('GET', '/health')).body;
    if (health.readModels.position >= health.eventStore.position) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the read models did not catch up with the statements');
}

beforeAll(async () => {
  accountsDir = mkdtempSync(join(tmpdir(), 'socai-bank-accounts-'));
  process.env.SOCAI_BANK_ACCOUNTS_FILE = join(accountsDir, 'bank-accounts.csv');
  writeFileSync(process.env.SOCAI_BANK_ACCOUNTS_FILE, `account,areaCode,bank\n${ACCOUNT},45,vietcombank\n${QUIET_ACCOUNT},45,bidv\n0101000555555,95,bidv\n`);
  browser = await launchChromium();
  server = await startTestServer();
  await post('/api/employers', { unitCode: 'TA0100A', name: 'Công ty TNHH Mía đường Quảng Trị', areaCode: '465', registeredOn: '2020-01-01' });
  await post('/api/employers', { unitCode: 'TB0200B', name: 'Công ty TNHH Thanh Bình', areaCode: '465', registeredOn: '2020-01-01' });
  await post('/api/employers', { unitCode: 'TC0300C', name: 'Công ty Cổ phần Thủy sản Sao Mai', areaCode: '465', taxCode: '0101234567', registeredOn: '2020-01-01' });
  await post('/api/collections', { receiptNo: 'QT-CASH-1', payer: { kind: 'employer', unitCode: 'TB0200B' }, amount: '3000000', collectedOn: '2023-11-15' });
  await loadStatement(CAMT, 'application/xml');
  await loadStatement(fixture('vcb-2023-11.mt940'), 'text/plain');
  await loadStatement(LATER_CSV, 'text/csv');
  await waitForReadModels();
  const credits = (await apiGet(server, `/api/bank-credits?account=${ACCOUNT}`)).items as any[];
  const byRef = (ref: string) => credits.find((c) => c.bankRef === ref);
  // The tax code's match was wrong: reverse the collection and the match, then assign it by hand.
  const wrong = byRef('FT23305000002');
  const match = (await apiGet(server, `/api/streams/bank-${ACCOUNT}/events`)).events.find((e: any) => e.type === 'BankCreditMatched' && e.data.creditId === wrong.id);
  for (const eventId of [wrong.collectionEventId, match.eventId]) await post('/api/reversals', { eventId, reason: 'Khớp nhầm', reversedOn: '2023-11-20' });
  await post(`/api/bank-credits/${wrong.id}/assignments`, { unitCode: 'TB0200B', period: '2023-10', reason: 'Kế toán đối chiếu UNC' });
  await post(`/api/bank-credits/${byRef('FT23306000004').id}/returns`, { reason: 'Hai đơn vị trong một lệnh', returnedOn: '2023-11-21' });
  await waitForReadModels();
  const key = async (role: string, area: string) => (await post('/api/keys', { name: `${role} ${area}`, role, areas: [area] })).key as string;
  keys.finance45 = await key('finance', '45');
  keys.inspector45 = await key('inspector', '45');
  keys.auditor95 = await key('auditor', '95');
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (savedAccountsFile === undefined) delete process.env.SOCAI_BANK_ACCOUNTS_FILE;
  else process.env.SOCAI_BANK_ACCOUNTS_FILE = savedAccountsFile;
  rmSync(accountsDir, { recursive: true, force: true });
});

describe("the dashboard's bank panel (issue 24, item 4)", () => {
  let page: Page;
  let cashCredit: any;
  /** The UTC day before the panel asked the API: the server counted ages on this day or, across midnight, the next. */
  let openedOn: string;

  beforeAll(async () => {
    openedOn = todayUtc();
    page = await openPanel(keys.finance45);
    cashCredit = (await apiGet(server, `/api/bank-credits?account=${ACCOUNT}&status=unmatched`)).items.find((c: any) => c.valueDate === '2023-11-02');
  }, 120_000);
  afterAll(async () => page?.context().close());

  it("shows a finance key the month's proof of the account, tying to the đồng, and the collections no credit explains", async () => {
    expect(await page.locator('#bank').isVisible()).toBe(true);
    expect(await page.locator('#bank-account option').allTextContents()).toEqual([`${ACCOUNT} · vietcombank · Tỉnh Quảng Trị`, `${QUIET_ACCOUNT} · bidv · Tỉnh Quảng Trị`]);
    expect(await page.locator('#bank-account').inputValue()).toBe(ACCOUNT);
    expect(await page.locator('#bank-reconciliation h3').textContent()).toBe(`Đối soát tháng 11/2023 — tài khoản ${ACCOUNT}`);
    expect(await tableRows(page, '#bank-reconciliation .bank-figures')).toEqual([
      ['Khoản mục', 'Số khoản', 'Số tiền (đồng)'],
      ['Số dư đầu kỳ', '', '500.000.000'],
      ['Ghi có trong tháng', '6', '121.085.000'],
      ['Tự động khớp', '2', '52.635.000'],
      ['Gán tay', '1', '15.200.000'],
      ['Chờ xử lý', '2', '5.250.000'],
      ['Trả lại người nộp', '1', '48.000.000'],
      ['Số dư cuối kỳ', '', '596.074.000'],
    ]);
    expect(await page.locator('#bank-identity').textContent()).toBe(
      'Tự động khớp + gán tay + chờ xử lý + trả lại = 52.635.000 + 15.200.000 + 5.250.000 + 48.000.000 = 121.085.000 đồng, bằng tổng ghi có 121.085.000 đồng.',
    );
    expect(await page.locator('#bank-identity').getAttribute('data-ties')).toBe('true');
    expect(await tableRows(page, '#bank-reconciliation .bank-ledger-only')).toEqual([
      ['Số chứng từ', 'Ngày thu', 'Người nộp', 'Số tiền (đồng)'],
      ['QT-CASH-1', '15/11/2023', 'TB0200B', '3.000.000'],
      ['Tổng', '1 khoản thu', '', '3.000.000'],
    ]);
  });

  it('shows the suspense queue oldest first, with each credit\'s age in days', async () => {
    const queueOn = (today: string) => [
      ['Ngày hiệu lực', 'Số tiền (đồng)', 'Nội dung chuyển khoản', 'Bên chuyển', 'Tuổi (ngày)'],
      // Loaded last, valued first: the October credit heads the queue.
      ['31/10/2023', '7.500.000', 'chuyen tien', 'TRAN THI C · 0991000999888', vi.digits(ageOf('2023-10-31', today))],
      ['02/11/2023', '250.000', 'Nop tien mat tai quay', '', vi.digits(ageOf('2023-11-02', today))],
      ['03/11/2023', '5.000.000', 'ung ho', 'NGUYEN VAN A · 0991000111222', vi.digits(ageOf('2023-11-03', today))],
      ['Tổng', '12.750.000', '3 khoản', '', ''],
    ];
    // Exact rows for the day the API counted on; a run across midnight UTC sees the next day's.
    expect([queueOn(openedOn), queueOn(addDays(openedOn, 1))]).toContainEqual(await tableRows(page, '#bank-suspense .bank-queue'));
    expect(cashCredit.amount).toBe('250000');
  });

  it('downloads the exports with the key, never putting it in a link', async () => {
    const fetchText = async (path: string) => (await fetch(`${server.url}${path}`, { headers: auth(server.adminKey) })).text();
    const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export="reconciliation-csv"]').click()]);
    expect(csv.suggestedFilename()).toBe(`bank-reconciliation-${ACCOUNT}-2023-11.csv`);
    expect(readFileSync((await csv.path())!, 'utf8')).toBe(await fetchText(`/api/bank-reconciliations/${ACCOUNT}/2023-11?format=csv`));
    const [queueCsv] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export="suspense-csv"]').click()]);
    expect(readFileSync((await queueCsv.path())!, 'utf8')).toBe(await fetchText('/api/bank-credits?status=unmatched&area=45&limit=1000&format=csv'));
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export="suspense-xlsx"]').click()]);
    expect(xlsx.suggestedFilename()).toBe('bank-credits.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync((await xlsx.path())!) as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.getColumn(5).values.slice(2)).toEqual([250000, 5000000, 7500000]);
    expect(await page.locator('a[href*="sk_"], a[href*="format="]').count()).toBe(0);
    expect(await page.locator('#bank .export-error').allTextContents()).toEqual(['', '']);
  });

  it("switches the reconciliation to the account picked, and to English", async () => {
    await page.locator('#bank-account').selectOption(QUIET_ACCOUNT);
    await page.waitForSelector(`#bank-reconciliation h3:text("tài khoản ${QUIET_ACCOUNT}")`);
    await page.waitForSelector('#bank-reconciliation .bank-figures');
    expect(await tableRows(page, '#bank-reconciliation .bank-figures tbody')).toEqual([
      ['Số dư đầu kỳ', '', 'không có trong sao kê'],
      ['Ghi có trong tháng', '0', '0'],
      ['Tự động khớp', '0', '0'],
      ['Gán tay', '0', '0'],
      ['Chờ xử lý', '0', '0'],
      ['Trả lại người nộp', '0', '0'],
      ['Số dư cuối kỳ', '', 'không có trong sao kê'],
    ]);
    // The account's area's cash collection is in the ledger whichever account of the area is shown.
    expect(await tableRows(page, '#bank-reconciliation .bank-ledger-only tfoot')).toEqual([['Tổng', '1 khoản thu', '', '3.000.000']]);
    await page.locator('#bank-account').selectOption(ACCOUNT);
    await page.waitForSelector(`#bank-reconciliation h3:text("tài khoản ${ACCOUNT}")`);
    await page.waitForSelector('#bank-reconciliation .bank-figures');
    await page.locator('#language').click();
    expect(await page.locator('#bank-title').textContent()).toBe('Collections from the bank');
    expect(await tableRows(page, '#bank-reconciliation .bank-figures tbody')).toEqual([
      ['Opening balance', '', '500,000,000'],
      ['Credits in the month', '6', '121,085,000'],
      ['Matched automatically', '2', '52,635,000'],
      ['Assigned by hand', '1', '15,200,000'],
      ['In suspense', '2', '5,250,000'],
      ['Returned to the payer', '1', '48,000,000'],
      ['Closing balance', '', '596,074,000'],
    ]);
    if (process.env.SOCAI_BANK_SCREENSHOT) await page.locator('#bank').screenshot({ path: process.env.SOCAI_BANK_SCREENSHOT.replace('.png', '-en.png') });
    await page.locator('#language').click();
    expect(pageErrors).toEqual([]);
  });
});

describe('the bank panel on a phone', () => {
  it('fits the screen: its tables scroll sideways within the panel', async () => {
    const page = await openPanel(keys.finance45, '?area=45&year=2023&month=11', { width: 390, height: 844 });
    expect(await page.locator('#bank-suspense .bank-queue tbody tr').count()).toBe(3);
    expect(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    if (process.env.SOCAI_BANK_SCREENSHOT) await page.locator('#bank').screenshot({ path: process.env.SOCAI_BANK_SCREENSHOT });
    await page.context().close();
  });
});

describe('the bank panel and keys that may not read it', () => {
  it('stays hidden for a role the bank routes refuse (an inspector)', async () => {
    const page = await openPanel(keys.inspector45);
    expect(await page.locator('#bank').isHidden()).toBe(true);
    expect(await page.locator('#bank .panel-body').innerHTML()).toBe('');
    await page.context().close();
  });

  it("says so to a reader of the bank whose key covers another area", async () => {
    const page = await openPanel(keys.auditor95);
    expect(await page.locator('#bank .forbidden').evaluate((node) => node.firstChild?.textContent)).toBe(
      'Khóa API này không được xem dữ liệu của Tỉnh Quảng Trị (45) (403). Hãy chọn địa bàn mà khóa được cấp.',
    );
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });
});
