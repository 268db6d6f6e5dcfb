import { contractScenario } from '../testing/contract-scenario.js';
import { describeEachStore } from '../testing/read-models-harness.js';

describeEachStore('plan progress', (stores) => {
  it('contract check: the 2021 plan of province 95 on 2021-06-30', async () => {
    const h = await stores.harness();
    await h.project(contractScenario().log);
    const progress = (await h.queries.planProgress(2021, '95', '2021-06-30'))!;
    expect({ ...progress, plan: undefined }).toEqual({
      year: 2021,
      areaCode: '95',
      asOf: '2021-06-30',
      plan: undefined,
      collection: { target: '2000000000000', actual: '19960000', percent: 0 },
      participants: {
        // 10 / 40,000 = 0.025 % → 0.03 rounded half-up.
        mandatorySocialInsurance: { target: 40000, actual: 10, percentOfPlan: 0.03, percentOfLabourForce: 0 },
        voluntarySocialInsurance: { target: 15670, actual: 1, percentOfPlan: 0.01, percentOfLabourForce: 0 },
        unemploymentInsurance: { target: 35000, actual: 10, percentOfPlan: 0.03, percentOfLabourForce: 0 },
        healthInsurance: { target: 774200, actual: 1, percentOfPlan: 0, percentOfPopulation: 0 },
      },
      arrears: { overdue: '0', percentOfCollectionPlan: 0 },
    });
  });

  it('the latest unreversed assignment is the plan in force; none → undefined', async () => {
    const { log } = contractScenario();
    const plan = (collection: string, assignedOn: string) =>
      log.record('PlanAssigned', {
        year: 2021, areaCode: '95', targets: { collection, participants: {
          mandatorySocialInsurance: 100, voluntarySocialInsurance: 100, unemploymentInsurance: 100, healthInsurance: 100 } },
        labourForce: 1000, population: 2000, assignedOn,
      });
    plan('39920000', '2021-03-01');
    log.reverse(plan('1', '2021-04-01'), '2021-04-02');
    plan('9999', '2021-09-01');
    const h = await stores.harness();
    await h.project(log);
    const progress = (await h.queries.planProgress(2021, '95', '2021-07-31'))!;
    expect(progress.collection).toEqual({ target: '39920000', actual: '19960000', percent: 50 });
    // On 2021-07-31 June's 16,000,000 is overdue: 16,000,000 / 39,920,000 = 40.0801… %.
    expect(progress.arrears).toEqual({ overdue: '16000000', percentOfCollectionPlan: 40.08 });
    expect(progress.participants.healthInsurance).toEqual({ target: 100, actual: 1, percentOfPlan: 1, percentOfPopulation: 0.05 });
    expect(await h.queries.planProgress(2022, '95', '2022-06-30')).toBeUndefined();
    expect(await h.queries.planProgress(2021, '95', '2021-01-05')).toBeUndefined();
  });
});
