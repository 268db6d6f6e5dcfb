import { withMultiRowInserts } from './multi-row-inserts.js';
import { numberedPlaceholders } from './placeholders.js';

describe('PostgreSQL statements', () => {
  it('numbers placeholders, leaving a ? inside quotes alone', () => {
    expect(numberedPlaceholders(`SELECT '?' AS "a?", x FROM t WHERE a = ? AND b = ?`)).toBe(`SELECT '?' AS "a?", x FROM t WHERE a = $1 AND b = $2`);
  });

  it('gathers single-row inserts per table into multi-row inserts, flushed before any other statement', () => {
    const books = 'INSERT INTO books (event_id, person_id) VALUES (?, ?) ON CONFLICT DO NOTHING';
    const cards = 'INSERT INTO cards (event_id) VALUES (?) ON CONFLICT DO NOTHING';
    const reverse = 'UPDATE books SET reversed_on = ? WHERE event_id = ?';
    expect(
      withMultiRowInserts([
        { sql: books, params: ['e1', 'p1'] },
        { sql: cards, params: ['e2'] },
        { sql: books, params: ['e3', 'p3'] },
        { sql: reverse, params: ['2021-01-01', 'e1'] },
        { sql: books, params: ['e4', 'p4'] },
      ]),
    ).toEqual([
      { sql: 'INSERT INTO books (event_id, person_id) VALUES ($1, $2), ($3, $4) ON CONFLICT DO NOTHING', params: ['e1', 'p1', 'e3', 'p3'] },
      { sql: 'INSERT INTO cards (event_id) VALUES ($1) ON CONFLICT DO NOTHING', params: ['e2'] },
      { sql: 'UPDATE books SET reversed_on = $1 WHERE event_id = $2', params: ['2021-01-01', 'e1'] },
      { sql: 'INSERT INTO books (event_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', params: ['e4', 'p4'] },
    ]);
  });

  it('splits a long run into inserts of at most 500 rows', () => {
    const sql = 'INSERT INTO cards (event_id) VALUES (?) ON CONFLICT DO NOTHING';
    const out = withMultiRowInserts(Array.from({ length: 1_201 }, (_, i) => ({ sql, params: [`e${i}`] })));
    expect(out.map((s) => s.params.length)).toEqual([500, 500, 201]);
    expect(out[2]!.params[200]).toBe('e1200');
  });
});
