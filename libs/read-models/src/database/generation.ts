/**
 * Which filling of the read models a reader sees: a rebuild's reset (in place, or a PostgreSQL
 * schema built aside and switched to) writes a new token in the same transaction as it empties them.
 * Marks start again from low positions after a reset, so the worklist's memo, keyed by marks, must
 * start again too (arrears/worklist-memo.ts). Not a read model: no rebuild empties it, and the specs
 * that compare a rebuilt store's rows with a projected one's do not see it. Created by read-model
 * migration 9.
 */
export const GENERATION_TABLE = 'read_model_generation';

export const GENERATION_SQL = `CREATE TABLE ${GENERATION_TABLE} (id INTEGER PRIMARY KEY CHECK (id = 1), token TEXT NOT NULL);
INSERT INTO ${GENERATION_TABLE} (id, token) VALUES (1, 'first')`;
