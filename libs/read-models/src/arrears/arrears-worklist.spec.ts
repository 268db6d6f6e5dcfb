import { EventLog, fundsOf, headcount } from '../testing/event-log.js';
import { describeEachStore } from '../testing/read-models-harness.js';

/** Four employers of Bạc Liêu and one of Cà Mau, each owing one 2021 period of `due` đồng. */
function scenario() {
  const log = new EventLog();
  const employer = (unitCode: string, areaCode: string, period: string, due: string) => {
    log.record('EmployerRegistered', { unitCode, name: `Đơn vị ${unitCode}`, areaCode, registeredOn: '2020-01-01' });
    log.record('ContributionAssessed', {
      unitCode, areaCode, period, headcount: headcount(3), payroll: '1', unemploymentPayroll: '1', assessedOn: `${period}-01`,
      dueDate: `${period}-28`, funds: fundsOf(due), due,
    });
  };
  employer('BL00010', '954', '2021-06', '3000000'); // 2021-06-28 → 3 days late on 2021-07-01
  employer('BL00011', '956', '2021-03', '5000000'); // 95 days late
  employer('BL00012', '957', '2021-05', '5000000'); // 34 days late
  employer('BL00013', '958', '2021-04', '1000000');
  log.record('EmployerStatusChanged', { unitCode: 'BL00013', areaCode: '958', status: 'bankrupt', effectiveOn: '2021-06-01', reason: 'Phá sản' });
  employer('CM00001', '964', '2021-01', '9000000');
  employer('BL00014', '954', '2021-07', '7000000'); // not yet due on 2021-07-01
  return log;
}

describeEachStore('arrears worklist', (stores) => {
  it('lists the employers of a province that owe, largest overdue first, with totals by bucket', async () => {
    const h = await stores.harness();
    await h.project(scenario());
    const list = await h.queries.arrearsWorklist({ area: '95', asOf: '2021-07-01' });
    expect(list.items.map((i) => [i.unitCode, i.overdue, i.bucket])).toEqual([
      ['BL00011', '5000000', '3-months-plus'],
      ['BL00012', '5000000', '1-to-3-months'],
      ['BL00010', '3000000', 'under-1-month'],
      ['BL00013', '1000000', 'hard-to-collect'],
      ['BL00014', '0', 'current'],
    ]);
    expect(list.totals).toMatchObject({
      overdue: '14000000',
      employers: 5,
      byBucket: {
        current: { overdue: '0', employers: 1 },
        'under-1-month': { overdue: '3000000', employers: 1 },
        '1-to-3-months': { overdue: '5000000', employers: 1 },
        '3-months-plus': { overdue: '5000000', employers: 1 },
        'hard-to-collect': { overdue: '1000000', employers: 1 },
      },
    });
    expect(list.nextCursor).toBeNull();
    expect(list.items[0]).not.toHaveProperty('periods');
  });

  it('filters by bucket and pages with an opaque cursor', async () => {
    const h = await stores.harness();
    await h.project(scenario());
    const hard = await h.queries.arrearsWorklist({ area: '95', asOf: '2021-07-01', bucket: 'hard-to-collect' });
    expect(hard.items.map((i) => i.unitCode)).toEqual(['BL00013']);
    const first = await h.queries.arrearsWorklist({ area: '95', asOf: '2021-07-01', limit: 2 });
    expect(first.items.map((i) => i.unitCode)).toEqual(['BL00011', 'BL00012']);
    const second = await h.queries.arrearsWorklist({ area: '95', asOf: '2021-07-01', limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((i) => i.unitCode)).toEqual(['BL00010', 'BL00013']);
    const third = await h.queries.arrearsWorklist({ area: '95', asOf: '2021-07-01', limit: 2, cursor: second.nextCursor! });
    expect([third.items.map((i) => i.unitCode), third.nextCursor]).toEqual([['BL00014'], null]);
    const country = await h.queries.arrearsWorklist({ asOf: '2021-07-01' });
    expect([country.items[0].unitCode, country.totals.overdue]).toEqual(['CM00001', '23000000']);
  });
});
