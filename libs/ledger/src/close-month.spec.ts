import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command, LateInterestCharged } from '#domain';
import { SqliteEventStore } from '#event-store';
import { closeMonth } from './close-month.js';
import { Ledger } from './ledger.js';
import { paymentsFromLog } from './payments-from-log.js';
import { loadAreaDirectory } from './reference-data.js';
import { recordSeedFacts } from './seed-facts.js';

const clerk = { actor: 'clerk-465', role: 'clerk', source: 'cli' as const };
const headcount = { socialInsurance: 10, healthInsurance: 10, unemploymentInsurance: 10 };
const register = (unitCode: string, areaCode = '465'): Command => ({ command: 'RegisterEmployer', data: { unitCode, name: `Công ty ${unitCode}`, areaCode, registeredOn: '2016-12-01' } });
const assess = (unitCode: string, period: string): Command => ({ command: 'AssessContribution', data: { unitCode, period, headcount, payroll: '50000000', assessedOn: `${period}-01` } });
const pay = (unitCode: string, receiptNo: string, amount: string, collectedOn: string): Command => ({
  command: 'CollectContribution', data: { receiptNo, payer: { kind: 'employer', unitCode }, amount, collectedOn },
});

describe('closeMonth: LateInterestCharged per employer of the area, through the pipeline', () => {
  let dir: string;
  let store: SqliteEventStore;
  let ledger: Ledger;
  const areas = loadAreaDirectory();

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'socai-close-'));
    store = SqliteEventStore.open(join(dir, 'events.sqlite'));
    ledger = new Ledger({ store, areas, ledgerPayments: paymentsFromLog(store), clock: () => new Date('2017-05-02T03:00:00Z') });
    await recordSeedFacts(ledger);
    for (const command of [register('QT00001'), register('QT00002'), register('BL00001', '954'), assess('QT00001', '2017-01'), assess('QT00002', '2017-01')]) {
      await ledger.execute(command, clerk);
    }
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const charges = async (unitCode: string) => (await store.readStream(`employer-${unitCode}`)).filter((event) => event.type === 'LateInterestCharged');

  it('charges a period paid on day 89 before 2025 its two late months, and a second close records nothing', async () => {
    const [assessed] = (await store.readStream('employer-QT00001')).filter((event) => event.type === 'ContributionAssessed');
    expect((assessed.data as { funds: object; due: string }).funds).toEqual({ pension: '11000000', sickness: '1500000', accident: '500000', health: '2250000', unemployment: '1000000' });
    await ledger.execute(pay('QT00001', 'R-1', '16250000', '2017-04-30'), clerk);
    await ledger.execute(pay('QT00002', 'R-2', '16250000', '2017-02-20'), clerk);
    const report = await closeMonth(ledger, areas, { month: '2017-04', areaCode: '45', closedOn: '2017-05-02' }, clerk);
    expect({ ...report, lastPosition: undefined }).toEqual({
      month: '2017-04', areaCode: '45', closedOn: '2017-05-02', employers: 2, charged: 1, duplicates: 0, nothingToCharge: 1, refused: [], lastPosition: undefined,
    });
    const [charge] = await charges('QT00001');
    const data = charge.data as LateInterestCharged;
    // Owed in full at the end of February and of March (paid on 2017-04-30, day 89): 2 months at k 2017,
    // BHXH and BHTN 1.317 %, BHYT 0.967 %: pension 2 × 144,870; sickness 2 × 19,755; accident 2 × 6,585;
    // health 2 × 21,757.5; unemployment 2 × 13,170.
    expect({ byFund: data.byFund, total: data.total, from: data.from, to: data.to, notComputed: data.notComputed }).toEqual({
      byFund: { pension: '289740', sickness: '39510', accident: '13170', health: '43515', unemployment: '26340' },
      total: '412275', from: undefined, to: '2017-04-30', notComputed: [],
    });
    expect(data.basis.filter((line) => line.fund === 'pension').map(({ period, lateAmount, from, to, rate, interest }) => ({ period, lateAmount, from, to, rate, interest }))).toEqual([
      { period: '2017-01', lateAmount: '11000000', from: '2017-02-01', to: '2017-02-28', rate: '1.317', interest: '144870' },
      { period: '2017-01', lateAmount: '11000000', from: '2017-03-01', to: '2017-03-31', rate: '1.317', interest: '144870' },
    ]);
    expect(data.basis[0].ruleSource).toContain('k 2017: TB 425/TB-BHXH (BHXH Việt Nam) (2017-02-14)');
    expect(charge.metadata).toMatchObject({ actor: 'clerk-465', role: 'clerk', source: 'cli', commandKey: 'CloseMonth:2017-04:45:QT00001' });

    const head = await store.headPosition();
    const again = await closeMonth(ledger, areas, { month: '2017-04', areaCode: '45', closedOn: '2017-05-02' }, clerk);
    expect({ charged: again.charged, duplicates: again.duplicates, nothingToCharge: again.nothingToCharge }).toEqual({ charged: 0, duplicates: 1, nothingToCharge: 1 });
    expect(await store.headPosition()).toBe(head);
  });

  it('charges only what the last close left: a close of March, then of April', async () => {
    await closeMonth(ledger, areas, { month: '2017-03', areaCode: '465', closedOn: '2017-04-01' }, clerk);
    await closeMonth(ledger, areas, { month: '2017-04', areaCode: '465', closedOn: '2017-05-02' }, clerk);
    const [march, april] = (await charges('QT00001')).map((event) => event.data as LateInterestCharged);
    expect([march.basis.length, march.to, march.byFund.pension]).toEqual([10, '2017-03-31', '289740']);
    // Unpaid: April is charged on its own from 2017-04-01.
    expect([april.from, april.basis.length, april.byFund.pension]).toEqual(['2017-04-01', 5, '144870']);
  });
});
