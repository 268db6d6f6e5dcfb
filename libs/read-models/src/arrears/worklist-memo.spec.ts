import type { IsoDate } from '#domain';
import type { RecordedEvent } from '#event-store';
import { areaScope } from '../area-scope.js';
import { EventLog, fundsOf, realLateInterest } from '../testing/event-log.js';
import { DISTRICTS, randomFrom, randomLedger } from '../testing/random-ledger.js';
import { describeEachStore, type ReadModelsHarness } from '../testing/read-models-harness.js';
import { ArrearsRepository } from './arrears.repository.js';
import { arrearsWorklist, type ArrearsWorklistRequest } from './arrears-worklist.js';
import { WorklistMemo } from './worklist-memo.js';

const AS_OF: IsoDate[] = ['2021-06-30', '2021-12-31', '2022-06-30'];
const AREAS = [undefined, '95', ...DISTRICTS];

/**
 * Every page and filter of every area on every date, through `memo` and computed afresh: equal in
 * full (items, totals, cursors). Answers how many employers the pages listed, so a caller knows the
 * comparison saw some.
 */
async function expectSameAnswers(h: ReadModelsHarness, memo: WorklistMemo, stage: string): Promise<number> {
  const repository = new ArrearsRepository(h.store.db);
  let listed = 0;
  for (const asOf of AS_OF) {
    for (const area of AREAS) {
      const scope = areaScope(h.areas, area);
      const requests: Pick<ArrearsWorklistRequest, 'bucket' | 'status' | 'limit' | 'cursor'>[] = [
        { limit: 500 }, { limit: 3 }, { bucket: '3-months-plus' }, { bucket: 'under-1-month' }, { status: 'evasion' },
      ];
      for (const request of requests) {
        const computed = await arrearsWorklist(repository, realLateInterest, scope, asOf, request);
        const fast = await arrearsWorklist(repository, realLateInterest, scope, asOf, request, memo);
        expect({ stage, asOf, area, request, answer: fast }).toEqual({ stage, asOf, area, request, answer: computed });
        if (computed.nextCursor) {
          const next = { ...request, cursor: computed.nextCursor };
          const fastNext = await arrearsWorklist(repository, realLateInterest, scope, asOf, next, memo);
          expect({ stage, asOf, area, next, answer: fastNext })
            .toEqual({ stage, asOf, area, next, answer: await arrearsWorklist(repository, realLateInterest, scope, asOf, next) });
        }
        listed += computed.items.length;
      }
    }
  }
  return listed;
}

/** Every area's whole list on `asOf`, computed. */
const answersOn = (h: ReadModelsHarness, asOf: IsoDate) => Promise.all(AREAS.map((area) =>
  arrearsWorklist(new ArrearsRepository(h.store.db), realLateInterest, areaScope(h.areas, area), asOf, { limit: 500 })));

/** The stages a served ledger goes through after the memo has answered: each changes some answer. */
function stages(log: EventLog, units: string[], seed: number) {
  const random = randomFrom(seed * 31);
  const pay = (unitCode: string, collectedOn: IsoDate, amount: string) =>
    log.record('ContributionCollected', {
      receiptNo: `${unitCode}-${log.events.length}`, payer: { kind: 'employer', unitCode }, amount, collectedOn, areaCode: '954',
    });
  const factsOf = (type: string) => log.events.filter((e) => e.type === type && !log.events.some((r) => r.type === 'EntryReversed' && (r.data as { eventId: string }).eventId === e.eventId));
  let rate: RecordedEvent | undefined;
  let relocation: RecordedEvent | undefined;
  const lawFacts: RecordedEvent[] = [];
  return [
    ['new payments', () => {
      for (const unit of units.slice(0, 3)) pay(unit, '2021-11-20', String(random.int(1, 20) * 700_000));
    }],
    ['back-dated payments and assessments', () => {
      pay(units[3]!, '2021-02-10', '4200000');
      log.record('ContributionAssessed', {
        unitCode: units[4]!, areaCode: '954', period: '2022-01', headcount: { socialInsurance: 4, healthInsurance: 4, unemploymentInsurance: 4 },
        payroll: '1', unemploymentPayroll: '1', assessedOn: '2022-01-05', dueDate: '2022-01-31', funds: fundsOf('8000000'), due: '8000000',
      });
    }],
    ['reversals of a payment and an assessment', () => {
      log.reverse(random.pick(factsOf('ContributionCollected')), '2021-10-01');
      log.reverse(random.pick(factsOf('ContributionAssessed')), '2021-09-15');
    }],
    ['a rate k announced', () => {
      rate = log.record('InterestRateAnnounced', { year: 2021, fund: 'social', monthlyPercent: '0.03', documentRef: 'CV-2021', announcedOn: '2021-01-04' });
      log.record('InterestRateAnnounced', { year: 2021, fund: 'health', monthlyPercent: '0.03', documentRef: 'CV-2021-YT', announcedOn: '2021-01-04' });
    }],
    ['reminders, force majeure and interest charged', () => {
      lawFacts.push(
        log.record('EmployerReminded', { reminderRef: 'NN-1', unitCode: units[5]!, sentOn: '2021-08-01', amountLate: '1000000', areaCode: '954' }),
        log.record('ForceMajeureRecorded', { unitCode: units[6]!, from: '2021-03-01', to: '2021-05-31', reason: 'Lũ lụt', documentRef: 'QĐ-1', areaCode: '954' }),
        log.record('LateInterestCharged', {
          unitCode: units[7]!, areaCode: '954', month: '2021-06', closedOn: '2021-07-01', to: '2021-06-30', byFund: fundsOf('32000'), total: '32000',
          basis: [], notComputed: [],
        }),
      );
    }],
    ['a status change (the bucket it puts an employer in)', () => {
      lawFacts.push(log.record('EmployerStatusChanged', { unitCode: units[9]!, areaCode: '954', status: 'bankrupt', effectiveOn: '2021-06-01', reason: 'Phá sản' }));
    }],
    ['the status, reminder, force majeure and interest charge reversed', () => {
      for (const fact of lawFacts) log.reverse(fact, '2021-12-01');
    }],
    ['a relocation to another district', () => {
      const from = (log.events.find((e) => e.type === 'EmployerRegistered' && (e.data as { unitCode: string }).unitCode === units[8])!.data as { areaCode: string }).areaCode;
      const to = DISTRICTS.find((d) => d !== from)!;
      relocation = log.record('EmployerRelocated', { unitCode: units[8]!, areaCode: to, fromAreaCode: from, effectiveOn: '2021-05-01', reason: 'Chuyển trụ sở' });
    }],
    ['the rate and the relocation reversed', () => {
      // A rate names no area: its reversal is recorded nationally, as the ledger's ReverseEntry does.
      log.record('EntryReversed', {
        eventId: rate!.eventId, reversedType: 'InterestRateAnnounced', reversedPosition: rate!.position, reason: 'sai sót', reversedOn: '2021-12-01', areaCode: '95',
      }, rate!.streamId);
      log.reverse(relocation!, '2021-12-01');
    }],
  ] as const;
}

describeEachStore('arrears worklist memo', (stores) => {
  it.each([1, 2, 3])('answers as computing every employer does, through every kind of change (ledger seed %i)', async (seed) => {
    const h = await stores.harness();
    const { log, units } = randomLedger(seed, 16);
    await h.project(log, 7);
    const memo = new WorklistMemo();
    expect(await expectSameAnswers(h, memo, 'the ledger')).toBeGreaterThan(50);
    expect(memo.size).toBeGreaterThan(10);
    for (const [stage, change] of stages(log, units, seed)) {
      const before = await Promise.all(AS_OF.map((asOf) => answersOn(h, asOf)));
      change();
      await h.project(log, 5);
      // The stage changed some figure, so an unchanged memo would have answered wrong.
      expect({ stage, changed: JSON.stringify(await Promise.all(AS_OF.map((asOf) => answersOn(h, asOf)))) !== JSON.stringify(before) })
        .toEqual({ stage, changed: true });
      await expectSameAnswers(h, memo, stage);
    }
  }, 300_000); // 30–40 s on PostgreSQL on a quiet machine; the limit guards a hang, not the speed.

  it('recomputes an employer only once its mark moves, so a mark the projector failed to move would show', async () => {
    const h = await stores.harness();
    const { log } = randomLedger(4, 16);
    await h.project(log);
    const repository = new ArrearsRepository(h.store.db);
    const scope = areaScope(h.areas, '95');
    const list = (memo?: WorklistMemo) => arrearsWorklist(repository, realLateInterest, scope, '2021-12-31', { limit: 500 }, memo);
    const memo = new WorklistMemo();
    const first = await list(memo);
    const unit = first.items[0]!.unitCode;
    const mark = async () => Number((await h.store.db.queryOne<{ mark: number | string }>('SELECT arrears_mark AS mark FROM employers WHERE unit_code = ?', [unit]))!.mark);
    const markBefore = await mark();
    const payment = (receiptNo: string) =>
      log.record('ContributionCollected', { receiptNo, payer: { kind: 'employer', unitCode: unit }, amount: '1000000', collectedOn: '2021-12-01', areaCode: '954' });
    const paid = payment('P-1');
    await h.project(log);
    expect(await mark()).toBe(paid.position);
    const reversal = log.reverse(paid, '2021-12-02');
    await h.project(log);
    expect(await mark()).toBe(reversal.position);
    const paidAgain = payment('P-2');
    await h.project(log);
    const computed = await list();
    expect(computed.totals.overdue).not.toBe(first.totals.overdue);
    // The mark put back where the memo saw it: the memo answers the headline it kept, which is no longer true.
    await h.store.db.execute('UPDATE employers SET arrears_mark = ? WHERE unit_code = ?', [markBefore, unit]);
    expect((await list(memo)).totals.overdue).toBe(first.totals.overdue);
    // Where the projector left it, the memo computes that employer again and answers as computed.
    await h.store.db.execute('UPDATE employers SET arrears_mark = ? WHERE unit_code = ?', [paidAgain.position, unit]);
    expect(await list(memo)).toEqual(computed);
  });

  it('starts again after the read models are emptied and replayed while it is warm (marks go back to low positions)', async () => {
    const h = await stores.harness();
    const { log } = randomLedger(1, 16);
    await h.project(log);
    const repository = new ArrearsRepository(h.store.db);
    const asOf = '2021-12-31';
    const national = areaScope(h.areas, undefined);
    const list = (scope: typeof national, memo?: WorklistMemo) => arrearsWorklist(repository, realLateInterest, scope, asOf, { limit: 500 }, memo);
    const memo = new WorklistMemo();
    const unit = (await list(national, memo)).items[0]!.unitCode;
    const registered = log.events.find((e) => e.type === 'EmployerRegistered' && (e.data as { unitCode: string }).unitCode === unit)!;
    const district = areaScope(h.areas, (registered.data as { areaCode: string }).areaCode);
    log.record('ContributionCollected', { receiptNo: 'LAST', payer: { kind: 'employer', unitCode: unit }, amount: '50000000', collectedOn: '2021-11-20', areaCode: '954' });
    await h.project(log);
    const warm = await list(national, memo);
    expect(warm).toEqual(await list(national));
    // A rebuild in place, asked while the memo is warm: emptied, then replayed up to just before the
    // last payment, with both scopes asked for in between (the employer's mark is now a lower one).
    await h.store.reset();
    const partial = new EventLog();
    partial.events.push(...log.events.slice(0, -1));
    await h.project(partial);
    await list(district, memo);
    await list(national, memo);
    await h.project(log);
    const computed = await list(national);
    expect(computed).toEqual(warm);
    expect(await list(district, memo)).toEqual(await list(district));
    expect(await list(national, memo)).toEqual(computed);
  });

  it('answers calls made at once, one after the other, as computed', async () => {
    const h = await stores.harness();
    const { log, units } = randomLedger(6, 16);
    await h.project(log);
    const repository = new ArrearsRepository(h.store.db);
    const memo = new WorklistMemo();
    const dates: IsoDate[] = ['2021-06-30', '2021-12-31', '2021-06-30'];
    const list = (asOf: IsoDate, withMemo?: WorklistMemo) => arrearsWorklist(repository, realLateInterest, areaScope(h.areas, '95'), asOf, { limit: 500 }, withMemo);
    const first = dates.map((asOf) => list(asOf, memo));
    log.record('ContributionCollected', { receiptNo: 'AT-ONCE', payer: { kind: 'employer', unitCode: units[0]! }, amount: '3000000', collectedOn: '2021-06-01', areaCode: '954' });
    const projected = h.project(log);
    const second = dates.map((asOf) => list(asOf, memo));
    await projected;
    // Each answer stands for the ledger before or after the payment (which, depends on the turns taken);
    // once both are done, the memo's answers are the computed ones.
    const answers = await Promise.all([...first, ...second]);
    expect(answers.every((answer) => answer.totals.employers > 5)).toBe(true);
    expect(await Promise.all(dates.map((asOf) => list(asOf, memo)))).toEqual(await Promise.all(dates.map((asOf) => list(asOf))));
  });

  it('serves GET /api/arrears through the memo of the queries, the same answer as computed', async () => {
    const h = await stores.harness();
    const { log, units } = randomLedger(5, 16);
    await h.project(log);
    const repository = new ArrearsRepository(h.store.db);
    for (let call = 0; call < 2; call++) {
      const served = await h.queries.arrearsWorklist({ area: '95', asOf: '2021-12-31', limit: 5 });
      expect(served).toEqual(await arrearsWorklist(repository, realLateInterest, areaScope(h.areas, '95'), '2021-12-31', { limit: 5 }));
      log.record('ContributionCollected', { receiptNo: `R-${call}`, payer: { kind: 'employer', unitCode: served.items[0]!.unitCode }, amount: '5000000', collectedOn: '2021-12-01', areaCode: '954' });
      await h.project(log);
    }
    expect(units.length).toBe(16);
  });
});
