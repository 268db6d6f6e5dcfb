import type Database from 'better-sqlite3';
import type { LedgerVerifier, LedgerVerifyOptions, VerifyReport } from '../../ledger-verifier.port.js';
import { openAuditDatabase } from './audit-database.js';
import { verifyEventLog } from './log-verifier.js';

/**
 * The embedded log's verifier: `verifyEventLog` over the stored rows. A file is read on a connection of
 * its own, so that the check's read snapshot never holds the store's; an in-memory database has only
 * the one connection.
 */
export class SqliteLedgerVerifier implements LedgerVerifier {
  constructor(private readonly source: string | Database.Database) {}

  async verify(options: LedgerVerifyOptions = {}): Promise<VerifyReport> {
    if (typeof this.source !== 'string') return verifyEventLog(this.source, options);
    const db = openAuditDatabase(this.source);
    try {
      return await verifyEventLog(db, options);
    } finally {
      db.close();
    }
  }
}
