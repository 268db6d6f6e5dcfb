// New, valid commands for a ledger that already holds a generated file: employer collections with
// receipt numbers nobody used, for employers that were never suspended, dissolved or the like.
import Database from 'better-sqlite3';

/** Active employers (unit code and area) of a store file. */
export function activeEmployers(storeFile) {
  const db = new Database(storeFile, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT json_extract(data, '$.unitCode') AS unitCode, json_extract(data, '$.areaCode') AS areaCode FROM events
         WHERE type = 'EmployerRegistered'
           AND stream_id NOT IN (SELECT stream_id FROM events WHERE type = 'EmployerStatusChanged')`,
      )
      .all();
  } finally {
    db.close();
  }
}

/** The body of `POST /api/collections` (and the data of CollectContribution) for the i-th new receipt. */
export function collectionBody(employer, receiptNo) {
  return {
    receiptNo,
    payer: { kind: 'employer', unitCode: employer.unitCode },
    amount: '1000000',
    collectedOn: '2024-12-30',
  };
}
