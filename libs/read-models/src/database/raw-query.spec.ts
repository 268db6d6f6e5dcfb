import { contractScenario } from '../testing/contract-scenario.js';
import { describeEachStore } from '../testing/read-models-harness.js';

/**
 * `queryRaw` answers the rows `query` answers, each as an array of its columns in the order the SQL
 * selects them, with the same values and types: a log position is a number on both databases (BIGINT
 * in PostgreSQL), money a decimal string, a missing date null.
 */
describeEachStore('raw queries', (stores) => {
  const ASSESSMENTS = `SELECT period, CAST(due AS TEXT) AS due, position, reversed_on AS "reversedOn"
    FROM assessments WHERE unit_code = ? ORDER BY period`;

  it('answer each row as its columns in order, with the values and types of query', async () => {
    const h = await stores.harness();
    await h.project(contractScenario().log);
    const objects = await h.store.db.query<{ period: string; due: string; position: number; reversedOn: string | null }>(ASSESSMENTS, ['BL00001']);
    const arrays = await h.store.db.queryRaw<[string, string, number, string | null]>(ASSESSMENTS, ['BL00001']);
    expect(arrays).toEqual([
      ['2021-05', '16000000', 2, null],
      ['2021-06', '16000000', 3, null],
    ]);
    expect(arrays).toEqual(objects.map((row) => [row.period, row.due, row.position, row.reversedOn]));
    expect(await h.store.db.queryRaw(ASSESSMENTS, ['BL99999'])).toEqual([]);
  });

  it('leave the same SQL answering objects through query (SQLite keeps a statement per mode)', async () => {
    const h = await stores.harness();
    await h.project(contractScenario().log);
    const sql = 'SELECT unit_code, name FROM employers WHERE unit_code = ?';
    expect(await h.store.db.query(sql, ['BL00001'])).toEqual([{ unit_code: 'BL00001', name: 'Công ty Thủy sản Bạc Liêu' }]);
    expect(await h.store.db.queryRaw(sql, ['BL00001'])).toEqual([['BL00001', 'Công ty Thủy sản Bạc Liêu']]);
    expect(await h.store.db.query(sql, ['BL00001'])).toEqual([{ unit_code: 'BL00001', name: 'Công ty Thủy sản Bạc Liêu' }]);
    expect(await h.store.db.queryOne(sql, ['BL00001'])).toEqual({ unit_code: 'BL00001', name: 'Công ty Thủy sản Bạc Liêu' });
  });

  it('read inside a transaction what the transaction wrote, and nothing of it once rolled back', async () => {
    const h = await stores.harness();
    await h.store.db.execute('CREATE TABLE raw_rows (id INTEGER PRIMARY KEY, label TEXT)');
    const failed = h.store.db.transaction(async (tx) => {
      await tx.execute('INSERT INTO raw_rows (id, label) VALUES (?, ?)', [1, 'một']);
      expect(await tx.queryRaw('SELECT id, label FROM raw_rows')).toEqual([[1, 'một']]);
      throw new Error('undone');
    });
    await expect(failed).rejects.toThrow('undone');
    expect(await h.store.db.queryRaw('SELECT id, label FROM raw_rows')).toEqual([]);
  });
});
