import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Checkpointer, CheckpointStore, loadOrCreateSigningKey } from '#event-store';
import { auditConfig } from '#runtime';
import { KnownAtService } from '../../apps/api/src/audit/known-at.service.js';
import { NO_KEY, startTestServer, type TestServer } from '../support/test-server.js';

/** The audit routes and the known-at computation through a real server on a real store file. */
describe('audit over HTTP', () => {
  let server: TestServer;
  let beforeCollection: string;
  const employer = { unitCode: 'BL00077', name: 'Công ty Thủy sản Bạc Liêu', areaCode: '954', registeredOn: '2019-03-01' };
  const assessment = {
    period: '2023-05', headcount: { socialInsurance: 1, healthInsurance: 1, unemploymentInsurance: 1 }, payroll: '1234567', assessedOn: '2023-06-01',
  };

  beforeAll(async () => {
    server = await startTestServer();
    expect((await server.request('POST', '/api/employers', employer)).status).toBe(201);
    expect((await server.request('POST', '/api/employers/BL00077/assessments', assessment)).status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 20));
    beforeCollection = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const collection = { receiptNo: 'BL-R-1', payer: { kind: 'employer', unitCode: 'BL00077', period: '2023-05' }, amount: '395062', collectedOn: '2023-06-20' };
    expect((await server.request('POST', '/api/collections', collection)).status).toBe(201);
  });
  afterAll(async () => {
    await server.close();
  });

  it('computes arrears as the ledger knew them: unpaid before the collection was recorded, paid after', async () => {
    const knownAt = server.app.get(KnownAtService);
    const then = await knownAt.employerArrearsKnownAt('BL00077', '2023-12-31', beforeCollection);
    expect(then).toMatchObject({ unitCode: 'BL00077', due: '395062', paid: '0', outstanding: '395062', overdue: '395062', oldestUnpaidPeriod: '2023-05' });
    expect(then!.trace.map((entry) => entry.type)).toEqual(['ContributionAssessed']);
    const now = await knownAt.employerArrearsKnownAt('BL00077', '2023-12-31', new Date().toISOString());
    expect(now).toMatchObject({ due: '395062', paid: '395062', outstanding: '0', overdue: '0' });
    expect(await knownAt.employerArrearsKnownAt('BL00077', '2023-12-31', '2020-01-01T00:00:00.000Z')).toBeUndefined();
    expect(await knownAt.employerArrearsKnownAt('NOPE999', '2023-12-31', new Date().toISOString())).toBeUndefined();
  });

  it('verifies the log (GET /api/audit/verify), lists signed checkpoints and serves the public key', async () => {
    expect((await server.request('GET', '/api/audit/verify')).body).toEqual({ ok: true, eventsChecked: 3, checkpointsChecked: 0 });
    const settings = auditConfig({ dataDir: server.dataDir });
    const key = loadOrCreateSigningKey(settings.signingKeyFile);
    const checkpoints = CheckpointStore.open(settings.eventStoreFile);
    const signed = new Checkpointer(checkpoints, key).checkpointNow();
    checkpoints.close();

    const listed = await server.request('GET', '/api/audit/checkpoints?fromPosition=1&limit=10');
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({ checkpoints: [signed], nextPosition: 4 });
    expect((await server.request('GET', '/api/audit/checkpoints?limit=0')).status).toBe(400);
    expect((await server.request('GET', '/api/audit/verify')).body).toEqual({ ok: true, eventsChecked: 3, checkpointsChecked: 1 });
    const pem = await server.request('GET', '/api/audit/public-key');
    expect(pem.body).toBe(key.publicKeyPem);
    expect((await server.request('GET', '/api/audit/verify', undefined, NO_KEY)).status).toBe(401);
  });

  it('reports an edited event with its position and stream', async () => {
    const db = new Database(join(server.dataDir, 'events.sqlite'));
    db.prepare("UPDATE events SET data = replace(data, '1234567', '1234568') WHERE position = 2").run();
    db.close();
    const report = await server.request('GET', '/api/audit/verify');
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ ok: false, firstBadPosition: 2, streamId: 'employer-BL00077', eventsChecked: 2, checkpointsChecked: 0 });
  });
});
