import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { auth, startTestServer, type TestServer } from '../support/test-server.js';

const SOCAI = join(process.cwd(), 'bin', 'socai.js');
/**
 * The real CLI, run without blocking this process: the server under test lives in it, and a server
 * frozen for the seconds a CLI takes to start drops its idle keep-alive connections on waking.
 */
const socai = (args: string[], dataDir: string) => promisify(execFile)('node', [SOCAI, ...args], { env: { ...process.env, SOCAI_DATA_DIR: dataDir }, encoding: 'utf8' });
const REFUSED = { statusCode: 401, code: 'UNAUTHORIZED', message: 'the API key is unknown or revoked' };

/**
 * The server remembers the keys it has found; a key it has just accepted must still be refused by the
 * next request once revoked, whether through the API or by `socai keys revoke` in another process
 * (the real CLI on the built code: `npm test` builds first).
 */
describe('revoking a key the server has just accepted', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  const newAuditor = async (name: string) => {
    const made = await server.request('POST', '/api/keys', { name, role: 'auditor', areas: ['*'] });
    expect(made.status).toBe(201);
    return made.body as { id: string; key: string };
  };
  const readEvents = (key: string) => server.request('GET', '/api/events?limit=1', undefined, auth(key));

  it('refuses it on the next request after DELETE /api/keys/{id}', async () => {
    const auditor = await newAuditor('auditor-api');
    expect((await readEvents(auditor.key)).status).toBe(200);
    expect((await readEvents(auditor.key)).status).toBe(200);
    expect((await server.request('DELETE', `/api/keys/${auditor.id}`)).status).toBe(204);
    const refused = await readEvents(auditor.key);
    expect({ status: refused.status, body: refused.body }).toEqual({ status: 401, body: REFUSED });
  });

  it('refuses it on the next request after `socai keys revoke` in another process', async () => {
    const auditor = await newAuditor('auditor-cli');
    expect((await readEvents(auditor.key)).status).toBe(200);
    expect((await readEvents(auditor.key)).status).toBe(200);
    await socai(['keys', 'revoke', auditor.id], server.dataDir);
    const refused = await readEvents(auditor.key);
    expect({ status: refused.status, body: refused.body }).toEqual({ status: 401, body: REFUSED });
    // The admin key, remembered too, still works: only the revoked key is refused.
    expect((await server.request('GET', '/api/events?limit=1')).status).toBe(200);
  });

  it('accepts on its first request a key `socai keys create` made in another process', async () => {
    const created = await socai(['keys', 'create', '--name', 'auditor-made-by-cli', '--role', 'auditor', '--areas', '*'], server.dataDir);
    expect((await readEvents(created.stdout.trim())).status).toBe(200);
  });
});
