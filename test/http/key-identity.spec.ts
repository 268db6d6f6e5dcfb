import { join } from 'node:path';
import Database from 'better-sqlite3';
import { KeyStore } from '#runtime';
import { socai } from '../payouts/support/socai-cli.js';
import { auth, startTestServer, type TestServer } from '../support/test-server.js';

/**
 * Issue 20, item 5: keys are told apart by id, never by name. The rate limit counts by key id, events
 * name the key id as their `actor` (the name beside it as `actorName`), and a name a live key already
 * carries is refused at creation: 409 KEY_NAME_TAKEN over HTTP, exit 1 from `socai keys create`.
 */
/** Gives a key another key's name, as a ledger whose keys were created before names were unique holds them. */
function rename(server: TestServer, id: string, name: string): void {
  const db = new Database(join(server.dataDir, 'access.sqlite'));
  try {
    db.prepare('UPDATE api_keys SET name = ? WHERE id = ?').run(name, id);
  } finally {
    db.close();
  }
}

describe('the rate limit counts by key id', () => {
  let server: TestServer;
  const LIMIT = 4;
  beforeAll(async () => {
    server = await startTestServer({ rateLimitPerMinute: LIMIT });
  });
  afterAll(async () => {
    await server.close();
  });

  it('a key named like another, even "admin", does not use up its window', async () => {
    // Made in the store, not over HTTP, so that the admin key's window stays untouched.
    const keys = server.app.get(KeyStore);
    const first = keys.create({ name: 'auditor-one', role: 'auditor', areas: ['*'] });
    const second = keys.create({ name: 'auditor-two', role: 'auditor', areas: ['*'] });
    const impostor = keys.create({ name: 'impostor', role: 'auditor', areas: ['*'] });
    rename(server, second.id, 'auditor-one');
    rename(server, impostor.id, 'admin');
    const statuses = async (key: string, count: number) => {
      const seen: number[] = [];
      for (let n = 0; n < count; n++) seen.push((await server.request('GET', '/api/events?limit=1', undefined, auth(key))).status);
      return seen;
    };
    expect(await statuses(first.key, LIMIT + 1)).toEqual([200, 200, 200, 200, 429]);
    expect(await statuses(second.key, 1)).toEqual([200]);
    expect(await statuses(impostor.key, LIMIT + 1)).toEqual([200, 200, 200, 200, 429]);
    expect(await statuses(server.adminKey, 1)).toEqual([200]);
  });
});

describe('keys told apart by id', () => {
  let server: TestServer;
  const create = async (name: string, role = 'clerk', areas = ['954']) => {
    const created = await server.request('POST', '/api/keys', { name, role, areas });
    expect(created.status).toBe(201);
    return created.body as { id: string; name: string; key: string };
  };

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it("records the key's id as the events' actor and its name beside it, so two keys of one name stay apart", async () => {
    const one = await create('clerk-954-one');
    const two = await create('clerk-954-two');
    rename(server, two.id, 'clerk-954-one');
    const book = async (key: string, personId: string) => {
      const response = await server.request('POST', '/api/books', { personId, areaCode: '954', issuedOn: '2021-03-06' }, auth(key));
      expect(response.status).toBe(201);
      return (await server.runtime.store.findEvent(response.body.eventId))!.metadata;
    };
    expect(await book(one.key, '9500000101')).toMatchObject({ actor: one.id, actorName: 'clerk-954-one', role: 'clerk', source: 'http' });
    expect(await book(two.key, '9500000102')).toMatchObject({ actor: two.id, actorName: 'clerk-954-one', role: 'clerk', source: 'http' });
    const imported = await server.request('POST', '/api/import', JSON.stringify({ command: 'IssueBook', data: { personId: '9500000103', areaCode: '954', issuedOn: '2021-03-06' } }) + '\n', auth(one.key));
    expect(imported.body).toMatchObject({ recorded: 1 });
    const event = (await server.runtime.store.readAll()).find((recorded) => recorded.position === imported.body.lastPosition);
    expect(event!.metadata).toMatchObject({ actor: one.id, actorName: 'clerk-954-one', source: 'import' });
  });

  it('refuses a name a live key carries with 409 KEY_NAME_TAKEN, whatever its case, and frees it when that key is revoked', async () => {
    const holder = await create('finance-954', 'finance');
    const taken = await server.request('POST', '/api/keys', { name: 'finance-954', role: 'auditor', areas: ['*'] });
    expect(taken.status).toBe(409);
    expect(taken.body).toEqual({ statusCode: 409, code: 'KEY_NAME_TAKEN', message: `the name "finance-954" is taken by key ${holder.id}; choose another, or revoke that key first` });
    const shouting = await server.request('POST', '/api/keys', { name: ' FINANCE-954 ', role: 'finance', areas: ['954'] });
    expect([shouting.status, shouting.body.code]).toEqual([409, 'KEY_NAME_TAKEN']);
    // Half a surrogate pair would be stored as U+FFFD, another name than the one given: refused.
    const lone = await server.request('POST', '/api/keys', { name: 'clerk-\ud800', role: 'clerk', areas: ['954'] });
    expect([lone.status, lone.body.errors]).toEqual([400, [{ field: 'name', message: 'must not contain a lone surrogate (it is not valid Unicode text)' }]]);
    const admin = await server.request('POST', '/api/keys', { name: 'Admin', role: 'clerk', areas: ['954'] });
    expect([admin.status, admin.body.code]).toEqual([409, 'KEY_NAME_TAKEN']);
    expect((await server.request('DELETE', `/api/keys/${holder.id}`)).status).toBe(204);
    expect((await create('finance-954', 'finance')).name).toBe('finance-954');
  });

  it('socai keys create refuses a taken name with exit 1 and creates nothing', async () => {
    const env = { ...process.env, SOCAI_DATA_DIR: server.dataDir };
    // Counted in the store: the CLI runs block this process, server included, for seconds.
    const count = () => server.app.get(KeyStore).list().length;
    const before = count();
    const run = socai(['keys', 'create', '--name', 'admin', '--role', 'clerk', '--areas', '954'], env);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^socai keys create: KEY_NAME_TAKEN: the name "admin" is taken by key key_[0-9a-f]{16}; choose another, or revoke that key first\n$/);
    const fresh = socai(['keys', 'create', '--name', 'clerk-cli', '--role', 'clerk', '--areas', '954'], env);
    expect(fresh.status).toBe(0);
    expect(socai(['keys', 'create', '--name', 'clerk-cli', '--role', 'clerk', '--areas', '954'], env).status).toBe(1);
    expect(count()).toBe(before + 1);
  });
});
