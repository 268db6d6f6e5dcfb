import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore, type RecordedEvent } from '#event-store';
import { startTestServer } from '../support/test-server.js';
import { tempDir } from './audit-fixtures.js';

const SOCAI = join(process.cwd(), 'bin', 'socai.js');
const VERIFY_EXPORT = join(process.cwd(), 'tools', 'verify-export.mjs');

/**
 * The real `socai verify | replay | export | public-key` on the built code (`npm test` builds first),
 * over a store holding an employer registered, assessed and paid, recorded on three known days.
 */
describe('socai verify / replay / export (CLI)', () => {
  const temp = tempDir('cli');
  const env = { ...process.env, SOCAI_DATA_DIR: join(temp.dir, 'data') };
  const run = (...args: string[]) => spawnSync('node', [SOCAI, ...args], { env, encoding: 'utf8' });
  afterAll(() => temp.remove());

  beforeAll(async () => {
    // Real events from the real ledger, then copied with the recording instants of the story.
    const server = await startTestServer();
    let events: RecordedEvent[];
    try {
      await server.request('POST', '/api/employers', { unitCode: 'BL00088', name: 'Công ty Muối Bạc Liêu', areaCode: '954', registeredOn: '2019-03-01' });
      await server.request('POST', '/api/employers/BL00088/assessments', {
        period: '2023-05', headcount: { socialInsurance: 1, healthInsurance: 1, unemploymentInsurance: 1 }, payroll: '1234567', assessedOn: '2023-06-01',
      });
      await server.request('POST', '/api/collections', { receiptNo: 'BL-R-88', payer: { kind: 'employer', unitCode: 'BL00088', period: '2023-05' }, amount: '395062', collectedOn: '2023-06-20' });
      events = await server.runtime.store.readStream('employer-BL00088');
    } finally {
      await server.close();
    }
    const recordedAt = ['2023-03-01T02:00:00.000Z', '2023-06-02T02:00:00.000Z', '2023-06-21T02:00:00.000Z'];
    const store = SqliteEventStore.open(join(temp.dir, 'data', 'events.sqlite'));
    events.forEach((event, i) => {
      const { hash: _hash, prevHash: _prevHash, ...metadata } = event.metadata;
      store.appendSync({
        streamId: event.streamId, expectedRevision: i === 0 ? 'no_stream' : i - 1,
        events: [{ eventId: event.eventId, type: event.type, data: event.data, metadata: { ...metadata, recordedAt: recordedAt[i]! } }],
      });
    });
    store.closeSync();
  });

  it('replays arrears as known on 10 June 2023 (assessed, unpaid) and on 1 July 2023 (paid)', () => {
    const then = run('replay', '--known-at', '2023-06-10T00:00:00Z', 'arrears', 'BL00088', '--as-of', '2023-12-31');
    expect(then.stderr).toBe('');
    expect(JSON.parse(then.stdout)).toMatchObject({ knownAt: '2023-06-10T00:00:00.000Z', unitCode: 'BL00088', due: '395062', paid: '0', overdue: '395062' });
    const later = run('replay', 'arrears', 'BL00088', '--known-at', '2023-07-01', '--as-of', '2023-12-31');
    expect(JSON.parse(later.stdout)).toMatchObject({ knownAt: '2023-07-01T00:00:00.000Z', due: '395062', paid: '395062', overdue: '0' });
    expect(run('replay', '--known-at', '2023-01-01T00:00:00Z', 'arrears', 'BL00088').status).toBe(1);
    expect(run('replay', '--known-at', 'yesterday', 'arrears', 'BL00088').status).toBe(1);
  });

  it('replays the province report as known then, without touching the live read models', () => {
    const report = run('replay', '--known-at', '2023-06-10T00:00:00Z', 'report', 'province', '95', '--from', '2023-01-01', '--to', '2023-12-31', '--json');
    expect(report.status).toBe(0);
    expect(JSON.parse(report.stdout).knownAt).toBe('2023-06-10T00:00:00.000Z');
    const prose = run('replay', '--known-at', '2023-06-10T00:00:00Z', 'report', 'province', '95', '--from', '2023-01-01', '--to', '2023-12-31');
    expect(prose.stdout).toContain('BẠC LIÊU');
    const db = new Database(join(temp.dir, 'data', 'read-models.sqlite'), { readonly: true });
    expect(db.prepare('SELECT position FROM checkpoint').get()).toEqual({ position: 0 });
    db.close();
  });

  it('exports the log for tools/verify-export.mjs, prints the public key, and verifies: exit 0 intact, 2 after an edit', () => {
    const pem = run('public-key');
    expect(pem.stdout).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+-----END PUBLIC KEY-----\n$/);
    const keyFile = join(temp.dir, 'public.pem');
    writeFileSync(keyFile, pem.stdout);
    const exported = run('export', 'events', '--format', 'ndjson');
    expect(exported.status).toBe(0);
    const exportFile = join(temp.dir, 'export.ndjson');
    writeFileSync(exportFile, exported.stdout);
    expect(spawnSync('node', [VERIFY_EXPORT, exportFile, keyFile], { encoding: 'utf8' }).status).toBe(0);
    expect(run('export', 'events', '--format', 'xml').status).toBe(1);

    const intact = run('verify');
    expect(intact.stdout).toMatch(/^intact: 3 events and 0 signed checkpoints verified/);
    expect(intact.status).toBe(0);
    const db = new Database(join(temp.dir, 'data', 'events.sqlite'));
    db.prepare("UPDATE events SET data = replace(data, '395062', '395063') WHERE position = 3").run();
    db.close();
    const broken = run('verify');
    expect(broken.stdout).toMatch(/^BROKEN at position 3, stream employer-BL00088: event .* does not match its hash/);
    expect(broken.status).toBe(2);
    expect(JSON.parse(run('verify', '--json').stdout)).toMatchObject({ ok: false, firstBadPosition: 3, streamId: 'employer-BL00088' });
  });
});
