import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { call } from '../reliability/support/http.js';
import { PROJECT_ROOT, SEED_EVENTS, startServer, waitUntil } from '../reliability/support/socai-process.js';

/**
 * `socai serve` starts from the bundle that `npm run build` makes (tools/bundle.mjs, issue 23): the process
 * loads dist/bundle/serve.js and none of the API's compiled modules, and the bundled server still finds
 * what it reads beside its modules (worker scripts, reference data, the dashboard's files). Which ES
 * modules the process loads is recorded by module hooks (test/support/record-module-loads.mjs).
 */
describe('socai serve from the bundle', () => {
  const dir = mkdtempSync(join(tmpdir(), 'socai-serve-bundle-'));
  const loadsFile = join(dir, 'module-loads.txt');
  const dist = pathToFileURL(join(PROJECT_ROOT, 'dist')).href;
  const loaded = () => (existsSync(loadsFile) ? readFileSync(loadsFile, 'utf8').split('\n').filter(Boolean) : []);
  const loadedScripts = () => new Set(loaded().filter((url) => url.startsWith(`${dist}/`)).map((url) => url.slice(dist.length + 1)));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports at its start no package but better-sqlite3: the others left out are loaded on demand', () => {
    const bundle = readFileSync(join(PROJECT_ROOT, 'dist', 'bundle', 'serve.js'), 'utf8');
    const imported = [...bundle.matchAll(/^(?:import|export) .* from "([^"]+)";$|^import "([^"]+)";$/gm)].map((match) => (match[1] ?? match[2])!);
    expect([...new Set(imported.filter((name) => !isBuiltin(name)))]).toEqual(['better-sqlite3']);
  });

  it('loads the bundle, answers the contract routes, and its threads find their scripts', async () => {
    expect(existsSync(join(PROJECT_ROOT, 'dist', 'bundle', 'serve.js'))).toBe(true);
    const hooks = pathToFileURL(join(PROJECT_ROOT, 'test', 'support', 'record-module-loads.mjs')).href;
    const server = await startServer(join(dir, 'data'), { NODE_OPTIONS: `--import=${hooks}`, SOCAI_SPEC_MODULE_LOADS: loadsFile, SOCAI_LOG_FORMAT: 'json' });
    try {
      // The server's own modules are the bundle; no compiled module of the API app is loaded beside it.
      const started = loadedScripts();
      expect(started.has('bundle/serve.js')).toBe(true);
      expect([...started].filter((script) => script.startsWith('apps/'))).toEqual([]);

      // A command, then a query of the read models the background thread projects it into.
      const registered = await call(server.url, 'POST', '/api/employers', { unitCode: 'BL00001', name: 'Công ty Thủy sản Bạc Liêu', areaCode: '954', registeredOn: '2019-03-01' });
      expect([registered.status, registered.body.position]).toEqual([201, SEED_EVENTS + 1]);
      const arrears = await call(server.url, 'GET', `/api/employers/BL00001/arrears?asOf=2021-07-31&minPosition=${SEED_EVENTS + 1}`);
      expect([arrears.status, arrears.body.due, arrears.body.outstanding]).toEqual([200, '0', '0']);
      expect((await call(server.url, 'GET', '/health')).body).toEqual({ status: 'ok', eventStore: { position: SEED_EVENTS + 1 }, readModels: { position: SEED_EVENTS + 1 } });
      // The audit (on this thread for so short a log) and its hash chain.
      const audit = await call(server.url, 'GET', '/api/audit/verify');
      expect([audit.status, audit.body.ok]).toEqual([200, true]);

      // The dashboard's page and the files it is served from: the source tree, reference-data/, node_modules.
      const page = await fetch(`${server.url}/`);
      expect([page.status, (await page.text()).includes('<html')]).toEqual([200, true]);
      const chart = await fetch(`${server.url}/dashboard/vendor/chart.umd.min.js`);
      expect([chart.status, (await chart.text()).length > 100_000]).toEqual([200, true]);
      const areas = await call(server.url, 'GET', '/dashboard/areas.json');
      expect([areas.status, areas.body.some((province: { code: string }) => province.code === '95')]).toEqual([200, true]);
      const docs = await fetch(`${server.url}/docs-json`);
      expect([docs.status, Object.keys(((await docs.json()) as { paths: object }).paths).includes('/api/employers')]).toEqual([200, true]);

      // An online rebuild reads the log on the log pages thread and computes the summaries aside on another.
      const rebuild = await call(server.url, 'POST', '/api/admin/rebuilds');
      expect(rebuild.status).toBe(202);
      await waitUntil('the online rebuild to end', () => (existsSync(join(dir, 'data', 'read-models.rebuilding')) ? undefined : true), 120_000);

      // Every thread started its compiled script, found relative to the bundled module that starts it.
      const threads = [...loadedScripts()].filter((script) => /(\.worker|background-work)\.js$/.test(script)).sort();
      expect(threads).toEqual([
        'libs/event-store/src/sqlite/log-pages.worker.js',
        'libs/event-store/src/sqlite/sqlite-writer.worker.js',
        'libs/event-store/src/sqlite/wal-checkpointer.worker.js',
        'libs/read-models/src/database/sqlite/summaries-aside.worker.js',
        'libs/runtime/src/background/background-work.js',
      ]);
    } finally {
      await server.stop();
    }
  }, 180_000);
});
