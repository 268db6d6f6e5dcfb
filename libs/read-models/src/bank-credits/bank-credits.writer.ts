import type { BankCreditDecision, BankCreditReceived, BankCreditReturned, BankStatementReceived, EntryReversed } from '#domain';
import type { RecordedEvent } from '#event-store';

type Run = (sql: string, ...params: unknown[]) => void;

/** The event writer's statements for issue 24's facts (projection/event-writer.ts calls these). */
export function bankCreditStatements(event: RecordedEvent, run: Run, province: (areaCode: string) => string | null): boolean {
  switch (event.type) {
    case 'BankCreditReceived': {
      const d = event.data as BankCreditReceived;
      run(
        `INSERT INTO bank_credits (event_id, position, recorded_at, account, bank_ref, value_date, amount, description,
           counterparty_name, counterparty_account, area_code, province, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'unmatched') ON CONFLICT DO NOTHING`,
        event.eventId, event.position, event.metadata.recordedAt, d.account, d.bankRef, d.valueDate, d.amount, d.description,
        d.counterparty.name, d.counterparty.account, d.areaCode, province(d.areaCode),
      );
      return true;
    }
    case 'BankCreditMatched':
    case 'BankCreditAssigned': {
      const d = event.data as BankCreditDecision;
      run(
        `UPDATE bank_credits SET status = ?, unit_code = ?, period = ?, reason = ?, decision_event_id = ?, collection_event_id = ? WHERE event_id = ?`,
        event.type === 'BankCreditMatched' ? 'matched' : 'assigned', d.unitCode, d.period, d.reason, event.eventId, d.collectionEventId, d.creditId,
      );
      return true;
    }
    case 'BankCreditReturned': {
      const d = event.data as BankCreditReturned;
      run(`UPDATE bank_credits SET status = 'returned', reason = ?, decision_event_id = ? WHERE event_id = ?`, d.reason, event.eventId, d.creditId);
      return true;
    }
    case 'BankStatementReceived': {
      const d = event.data as BankStatementReceived;
      run(
        `INSERT INTO bank_statements (account, statement_id, event_id, position, opening_date, opening, closing_date, closing) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        d.account, d.statementId, event.eventId, event.position, d.opening?.date, d.opening?.amount, d.closing?.date, d.closing?.amount,
      );
      return true;
    }
    default:
      return false;
  }
}

/** A reversed decision puts its credit back in suspense: the row forgets the payer it named. */
export function bankReversalStatements(reversed: EntryReversed, run: Run): void {
  if (!(reversed.reversedType as string).startsWith('BankCredit')) return;
  run(
    `UPDATE bank_credits SET status = 'unmatched', unit_code = NULL, period = NULL, reason = NULL, decision_event_id = NULL, collection_event_id = NULL
     WHERE decision_event_id = ?`,
    reversed.eventId,
  );
}
