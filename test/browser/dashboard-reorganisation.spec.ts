import type { Browser } from 'playwright-core';
import { generateCommands } from '../../apps/cli/src/generate/index.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { launchChromium } from './chromium.js';
import { apiGet, vi } from './expected-figures.js';

/**
 * The dashboard over the scenario `npm run demo` imports (issue 28, item 4): Quảng Bình and the old
 * Quảng Trị until 2025-06-30, today's Quảng Trị (44) from 2025-07-01. The year-on-year line is
 * checked against the API's own answers for 44, whatever the API counts as 44's 2024; the change is
 * recomputed here with BigInt, independently of the page's formatter.
 */
let server: TestServer;
let browser: Browser;
let key: string;
const pageErrors: string[] = [];

/** (now − before) / before as a signed percentage with one decimal, half away from zero, Vietnamese digits. */
function expectedChange(now: string, before: string): string {
  const tenthsTimesTwo = ((BigInt(now) - BigInt(before)) * 2000n) / BigInt(before);
  const tenths = (tenthsTimesTwo + (tenthsTimesTwo < 0n ? -1n : 1n)) / 2n;
  const size = tenths < 0n ? -tenths : tenths;
  return `${tenths < 0n ? '-' : tenths > 0n ? '+' : ''}${vi.digits((size / 10n).toString())},${size % 10n}%`;
}

beforeAll(async () => {
  browser = await launchChromium();
  server = await startTestServer();
  const lines = [...generateCommands({ scenario: 'reorganisation', seed: 1 })];
  const imported = await server.request('POST', '/api/import', lines.join('\n') + '\n');
  if (imported.status !== 200 || imported.body.refused !== 0) throw new Error(`the reorganisation scenario did not import cleanly: ${JSON.stringify(imported.body).slice(0, 500)}`);
  for (let attempt = 0; attempt < 600; attempt += 1) {
    const health = (await server.request('GET', '/health')).body;
    if (health.readModels.position >= health.eventStore.position) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  key = (await server.request('POST', '/api/keys', { name: 'new Quảng Trị auditor', role: 'auditor', areas: ['44'] })).body.key;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the dashboard over the demo scenario (the 2025 reorganisation)', () => {
  it("shows the new Quảng Trị's 2025 against 2024, and its communes", async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${server.url}/?area=44&year=2025&month=12`);
    await page.locator('#api-key').fill(key);
    await page.locator('#login-submit').click();
    await page.waitForSelector('body[data-state="ready"]', { timeout: 60_000 });
    const thisYear = await apiGet(server, '/api/areas/44/totals?from=2025-01-01&to=2025-12-31');
    const lastYear = await apiGet(server, '/api/areas/44/totals?from=2024-01-01&to=2024-12-31');
    // Both years hold collections: the scenario starts in July 2024.
    expect([BigInt(thisYear.collections.amount) > 0n, BigInt(lastYear.collections.amount) > 0n]).toEqual([true, true]);
    expect(await page.locator('#collections-yoy').textContent()).toBe(
      `Cùng kỳ năm 2024: ${vi.dong(lastYear.collections.amount)} (${expectedChange(thisYear.collections.amount, lastYear.collections.amount)})`,
    );
    expect(await page.locator('#collections-yoy').getAttribute('data-current')).toBe(thisYear.collections.amount);
    expect(await page.locator('#district-label').textContent()).toBe('Xã/phường');
    expect(await page.locator('#district option[value="19429"]').textContent()).toBe('Xã Khe Sanh');
    await page.locator('#district').selectOption('19429');
    await page.waitForSelector('body[data-state="ready"]');
    const kheSanh = await apiGet(server, '/api/areas/19429/totals?from=2025-01-01&to=2025-12-31');
    expect(await page.locator('#collections-yoy').getAttribute('data-current')).toBe(kheSanh.collections.amount);
    expect(new URL(page.url()).search).toBe('?area=19429&year=2025&month=12');
    await context.close();
    expect(pageErrors).toEqual([]);
  });
});
