import type { ReadModelQueries } from '../read-model-queries.js';

/** Everything the queries can say about the contract scenario, to compare two read-model stores. */
export async function everyAnswer(q: ReadModelQueries) {
  return {
    totals95: await q.areaTotals('95', '2021-01-01', '2021-06-30'),
    totals954: await q.areaTotals('954', '2021-01-01', '2021-07-31'),
    totals956: await q.areaTotals('956', '2020-01-01', '2021-12-31'),
    arrears: await q.employerArrears('BL00001', '2021-07-31'),
    arrearsEarly: await q.employerArrears('BL00001', '2021-06-05'),
    worklist: await q.arrearsWorklist({ area: '95', asOf: '2021-08-31' }),
    plan: await q.planProgress(2021, '95', '2021-06-30'),
    payouts: await q.payouts('2021-06', '954'),
    ledgerPayments: await q.ledgerPayments('2021-06', '95'),
    report: await q.provinceReport('95', '2021-01-01', '2021-06-30'),
  };
}
