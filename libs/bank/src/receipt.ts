import { createHash } from 'node:crypto';

/** The contract's bound on a receipt number (CodeField, 64 characters). */
const MAX_RECEIPT = 64;

/**
 * The receipt number of the collection a bank credit is booked as. Derived from the account and the
 * bank's reference alone, so that matching the same credit twice (a statement loaded again, a retry)
 * hits the command's idempotency instead of collecting twice. A reference too long for the field is
 * replaced by a digest of it, which is just as deterministic.
 */
export function receiptNumberFor(account: string, bankRef: string): string {
  const plain = `BANK-${account}-${bankRef}`;
  if (plain.length <= MAX_RECEIPT && /^[\x21-\x7e]+$/.test(plain)) return plain;
  const digest = createHash('sha256').update(`${account}\n${bankRef}`).digest('hex').slice(0, 24);
  return `BANK-${account.slice(0, MAX_RECEIPT - 30)}-${digest}`;
}
