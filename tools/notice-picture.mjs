// Renders page 1 of a real monthly notice (C12-TS) to docs/images/notice-c12ts.png for the README:
// records a small ledger with the built CLI, closes the month, writes the notice with `socai notices`,
// and draws the PDF with PDF.js in this machine's headless Chromium (SOCAI_CHROMIUM, default
// /usr/bin/chromium). Run after `npm run build`: `node tools/notice-picture.mjs`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const socai = join(root, 'bin', 'socai.js');
const dir = mkdtempSync(join(tmpdir(), 'socai-notice-picture-'));
const env = { ...process.env, SOCAI_DATA_DIR: join(dir, 'data') };
const run = (...args) => {
  const result = spawnSync('node', [socai, ...args], { env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`socai ${args.join(' ')}: ${result.stderr}`);
};
const headcount = { socialInsurance: 10, healthInsurance: 10, unemploymentInsurance: 10 };
const lines = [
  { command: 'AnnounceInterestRate', data: { year: 2017, fund: 'social', monthlyPercent: '1.317', documentRef: 'TB 425/TB-BHXH (BHXH Việt Nam)', announcedOn: '2017-02-14' } },
  { command: 'AnnounceInterestRate', data: { year: 2017, fund: 'health', monthlyPercent: '0.967', documentRef: 'TB 67/TB-BHXH (BHXH TP. Hồ Chí Minh)', announcedOn: '2017-01-17' } },
  { command: 'RegisterEmployer', data: { unitCode: 'QT00001', name: 'Công ty Gỗ Hướng Hóa', areaCode: '465', registeredOn: '2016-12-01' } },
  { command: 'AssessContribution', data: { unitCode: 'QT00001', period: '2017-01', headcount, payroll: '50000000', assessedOn: '2017-01-01' } },
  { command: 'AssessContribution', data: { unitCode: 'QT00001', period: '2017-03', headcount, payroll: '50000000', assessedOn: '2017-03-01' } },
  { command: 'CollectContribution', data: { receiptNo: 'QT-R-1', payer: { kind: 'employer', unitCode: 'QT00001' }, amount: '10000000', collectedOn: '2017-03-15' } },
];
try {
  writeFileSync(join(dir, 'ledger.ndjson'), lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
  run('import', join(dir, 'ledger.ndjson'));
  run('close-month', '2017-03', '--area', '45', '--closed-on', '2017-04-01');
  run('notices', '--month', '2017-03', '--area', '45', '--out', join(dir, 'out'));
  const pdf = readFileSync(join(dir, 'out', 'QT00001-2017-03.pdf')).toString('base64');
  const pdfjs = pathToFileURL(join(root, 'node_modules', 'pdfjs-dist', 'build', 'pdf.mjs')).href;
  const worker = pathToFileURL(join(root, 'node_modules', 'pdfjs-dist', 'build', 'pdf.worker.mjs')).href;
  const page = join(dir, 'notice.html');
  writeFileSync(page, `<!doctype html><body style="margin:0;background:#fff"><canvas id="c"></canvas><script type="module">
    import * as pdfjs from '${pdfjs}';
    pdfjs.GlobalWorkerOptions.workerSrc = '${worker}';
    const bytes = Uint8Array.from(atob('${pdf}'), (c) => c.charCodeAt(0));
    const doc = await pdfjs.getDocument({ data: bytes }).promise;
    const first = await doc.getPage(1);
    const viewport = first.getViewport({ scale: 1.6 });
    const canvas = document.getElementById('c');
    canvas.width = viewport.width; canvas.height = viewport.height;
    await first.render({ canvasContext: canvas.getContext('2d'), viewport }).promise;
    document.body.dataset.done = 'yes';
  </script></body>`);
  const browser = await chromium.launch({ executablePath: process.env.SOCAI_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--allow-file-access-from-files'] });
  try {
    const tab = await browser.newPage();
    await tab.goto(pathToFileURL(page).href);
    await tab.waitForSelector('body[data-done="yes"]', { timeout: 60_000 });
    const out = join(root, 'docs', 'images', 'notice-c12ts.png');
    await tab.locator('#c').screenshot({ path: out });
    console.log(`wrote ${out}`);
  } finally {
    await browser.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
