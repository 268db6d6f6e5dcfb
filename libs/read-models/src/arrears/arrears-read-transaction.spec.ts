import type { ReadModelDb, SqlRunner } from '../database/read-model-db.js';
import { ReadModelQueries } from '../read-model-queries.js';
import { EventLog, fundsOf, headcount, realLateInterest } from '../testing/event-log.js';
import { describeEachStore } from '../testing/read-models-harness.js';

const UNIT = 'BL00002';

/** An employer of Bạc Liêu assessed 16,000,000 đồng for May 2021, due on 31 May, and nothing paid. */
function mayAssessed(): EventLog {
  const log = new EventLog();
  log.record('EmployerRegistered', { unitCode: UNIT, name: 'Công ty TNHH Giá Rai', areaCode: '959', registeredOn: '2015-01-01' });
  assess(log, '2021-05');
  return log;
}

function assess(log: EventLog, period: string): void {
  log.record('ContributionAssessed', {
    unitCode: UNIT, areaCode: '959', period, headcount: headcount(5), payroll: '1', unemploymentPayroll: '1',
    assessedOn: `${period}-01`, dueDate: `${period}-${period.endsWith('05') ? '31' : '30'}`, funds: fundsOf('16000000'), due: '16000000',
  });
}

const READS = new Set<PropertyKey>(['query', 'queryRaw', 'queryOne']);

/**
 * `db` itself, except that right after its `after`-th read (inside a read transaction or not) it waits
 * for `meanwhile`: a commit through another connection, as another process's projector makes one.
 */
function committingAfter(db: ReadModelDb, after: number, meanwhile: () => Promise<unknown>): ReadModelDb {
  let reads = 0;
  const counted = <R extends SqlRunner>(runner: R): R =>
    new Proxy(runner, {
      get(target, key) {
        const value = Reflect.get(target, key) as unknown;
        if (key === 'readTransaction') {
          return <T>(work: (reader: SqlRunner) => Promise<T>) => (target as unknown as ReadModelDb).readTransaction((reader) => work(counted(reader)));
        }
        if (typeof value !== 'function') return value;
        if (!READS.has(key)) return value.bind(target);
        return async (...args: unknown[]) => {
          const rows = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          if (++reads === after) await meanwhile();
          return rows;
        };
      },
    });
  return counted(db);
}

/**
 * One employer's arrears reads nine statements; a projector of another process may commit between
 * two of them. Read in one transaction, the call answers as of one commit: here the one before a
 * batch that assesses June and records a payment of 16,000,000. Read statement by statement, it read
 * the assessments before that batch and the payments after it, and answered May paid and nothing
 * owed, which the ledger never said.
 */
describeEachStore('one employer arrears read in one transaction', (stores) => {
  it('answers as of one commit when another connection commits between its reads', async () => {
    const writer = await stores.harness({ name: 'shared', today: '2021-06-30' });
    const reader = await stores.harness({ name: 'shared', today: '2021-06-30' });
    const log = mayAssessed();
    await writer.project(log);
    const before = (await reader.queries.employerArrears(UNIT))!;
    expect([before.due, before.paid, before.outstanding]).toEqual(['16000000', '0', '16000000']);

    assess(log, '2021-06');
    log.record('ContributionCollected', { receiptNo: 'R-2', payer: { kind: 'employer', unitCode: UNIT }, amount: '16000000', collectedOn: '2021-06-20', areaCode: '959' });
    // After the employer's row and its assessments, before its payments (arrears.repository.ts, `one`).
    const interleaved = committingAfter(reader.store.db, 2, () => writer.project(log));
    const queries = new ReadModelQueries(interleaved, { areas: reader.areas, lateInterest: realLateInterest, today: () => '2021-06-30' });
    const during = (await queries.employerArrears(UNIT))!;
    expect(during).toEqual(before);

    const after = (await reader.queries.employerArrears(UNIT))!;
    expect([after.due, after.paid, after.outstanding]).toEqual(['32000000', '16000000', '16000000']);
    expect(after.periods.map((p) => [p.period, p.outstanding])).toEqual([['2021-05', '0'], ['2021-06', '16000000']]);
  });

  it('rolls its read transaction back on an error, and the database reads and writes afterwards', async () => {
    const h = await stores.harness();
    await h.project(mayAssessed());
    // More failures than a PostgreSQL pool has clients: one not rolled back and released would leave the
    // next ones waiting for a client, and a transaction left open on SQLite refuses the next BEGIN.
    for (let attempt = 0; attempt < 12; attempt++) {
      const failed = h.store.db.readTransaction(async (reader) => {
        expect(await reader.queryRaw('SELECT period FROM assessments WHERE unit_code = ?', [UNIT])).toEqual([['2021-05']]);
        throw new Error('stopped');
      });
      await expect(failed).rejects.toThrow('stopped');
    }
    await h.store.db.transaction((tx) => tx.execute('DELETE FROM assessments WHERE unit_code = ?', [UNIT]));
    expect(await h.store.db.queryRaw('SELECT period FROM assessments WHERE unit_code = ?', [UNIT])).toEqual([]);
  });
});
