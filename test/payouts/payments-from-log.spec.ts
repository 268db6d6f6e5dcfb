import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from '#domain';
import { paymentsFromLog, type PaymentsSnapshot } from '#ledger';
import { openReadModels, type EventSource } from '#read-models';
import { configFromEnv, SocaiRuntime } from '#runtime';

/**
 * The payments a reconciliation compares against, read from the whole log or from read models
 * plus the log after their checkpoint: the same answer, exact to the head of the log, whatever the
 * projection's lag, including a projection that moves on between its checkpoint and its rows.
 */
describe('paymentsFromLog', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'socai-payments-'));
  const runtime = SocaiRuntime.open({ ...configFromEnv({}), dataDir });
  const context = { actor: 'spec', role: 'admin', source: 'cli' as const };
  afterAll(async () => {
    await runtime.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const pay = (paymentRef: string, areaCode: string, payoutMonth: string, amount: string): Command => ({
    command: 'PayBenefit',
    data: { paymentRef, personId: '4500000001', benefit: 'pension', payoutMonth, amount, channel: 'post-office-cash', areaCode, paidOn: `${payoutMonth}-05` },
  });
  const reverse = (eventId: string): Command => ({ command: 'ReverseEntry', data: { eventId, reason: 'sai số tiền', reversedOn: '2023-10-20' } });
  const line = (paymentRef: string, amount: string) => ({ paymentRef, personId: '4500000001', amount });

  beforeAll(async () => {
    const record = async (command: Command) => (await runtime.ledger.execute(command, context)).result.eventId;
    const a1 = await record(pay('A-1', '465', '2023-10', '1000000'));
    await record(pay('A-2', '461', '2023-10', '2000000'));
    await record(pay('A-3', '465', '2023-09', '3000000'));
    const a4 = await record(pay('A-4', '465', '2023-10', '4000000'));
    await record(reverse(a4));
    // The reversal frees A-4's key, and the payment is recorded again with the right amount.
    await record(pay('A-4', '465', '2023-10', '4400000'));
    await record(reverse(a1));
    await record(pay('A-5', '464', '2023-10', '500000'));
    expect(await runtime.store.headPosition()).toBe(8);
  });

  const HEAD = 8;
  const DISTRICT_465 = [line('A-4', '4400000')];
  const PROVINCE_45 = [line('A-2', '2000000'), line('A-4', '4400000'), line('A-5', '500000')];

  it('reads the whole log: unreversed payments of exactly the month and area', async () => {
    const fromLog = paymentsFromLog(runtime.store, { pageSize: 3 });
    expect(await fromLog('2023-10', '465')).toStrictEqual(DISTRICT_465);
    expect(await fromLog('2023-09', '465')).toStrictEqual([line('A-3', '3000000')]);
    expect(await fromLog('2023-10', '45')).toStrictEqual([]);
  });

  /** Read models holding the log up to `rows`, that claim to be at `checkpoint` (≤ rows). */
  async function snapshotAt(checkpoint: number, rows: number): Promise<{ snapshot: PaymentsSnapshot; close(): Promise<void> }> {
    const readModels = openReadModels(dataDir, runtime.areas, { file: ':memory:' });
    const upTo: EventSource = {
      readAll: async (options) => (await runtime.store.readAll(options)).filter((event) => event.position <= rows),
    };
    await readModels.projector.catchUp(upTo);
    expect(await readModels.projector.position()).toBe(rows);
    return {
      snapshot: { position: () => checkpoint, ledgerPayments: (month, area) => readModels.queries.ledgerPayments(month, area) },
      close: () => readModels.close(),
    };
  }

  it('starts from read models at every lag and reads only the rest of the log, with the same result', async () => {
    for (let checkpoint = 0; checkpoint <= HEAD; checkpoint++) {
      for (let rows = checkpoint; rows <= HEAD; rows++) {
        const { snapshot, close } = await snapshotAt(checkpoint, rows);
        const source = paymentsFromLog(runtime.store, { pageSize: 2, snapshot: { payments: snapshot, isWithin: (code, area) => runtime.areas.isWithin(code, area) } });
        expect([checkpoint, rows, await source('2023-10', '465')]).toStrictEqual([checkpoint, rows, DISTRICT_465]);
        // With read models, a province covers its districts, as every query of the contract does.
        expect([checkpoint, rows, await source('2023-10', '45')]).toStrictEqual([checkpoint, rows, PROVINCE_45]);
        await close();
      }
    }
  });
});
