import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnnounceInterestRate } from '#domain';
import type { CommandContext } from './command-context.js';
import type { Ledger } from './ledger.js';
import { projectRoot } from './reference-data.js';

/** A row of reference-data/interest-rates.json: an announcement, and whether its figure was confirmed. */
interface SeedRate extends AnnounceInterestRate {
  verified: boolean;
}

/** Who records the seed facts: socai itself, once, on a new ledger. */
const SEED_CONTEXT: CommandContext = { actor: 'socai-seed', role: 'admin', source: 'cli', correlationId: 'seed-interest-rates' };

/** The verified announced rates of reference-data/interest-rates.json, as AnnounceInterestRate commands. */
export function seedInterestRates(root = projectRoot()): AnnounceInterestRate[] {
  const file = JSON.parse(readFileSync(join(root, 'reference-data', 'interest-rates.json'), 'utf8')) as { rates: SeedRate[] };
  // An unconfirmed k would charge employers from a guess: it stays out, and its months are "not
  // computed, k unknown" until an admin announces the rate from the document (docs/decisions.md).
  return file.rates
    .filter((rate) => rate.verified)
    .map(({ year, fund, monthlyPercent, documentRef, announcedOn }) => ({ year, fund, monthlyPercent, documentRef, announcedOn }));
}

/**
 * Records the seed facts (the verified rates k) on a NEW ledger, one whose log is empty, and nothing
 * on a ledger that holds anything: a ledger in use has its own history of announcements, which the
 * seed must not rewrite. Idempotent by the commands' natural keys as well. Answers the events recorded.
 * Called by `SocaiRuntime.openForRecording`, the open step of `socai serve`, `import` and `demo`.
 */
export async function recordSeedFacts(ledger: Ledger, root = projectRoot()): Promise<number> {
  if ((await ledger.store.headPosition()) > 0) return 0;
  let recorded = 0;
  for (const data of seedInterestRates(root)) {
    const outcome = await ledger.execute({ command: 'AnnounceInterestRate', data }, SEED_CONTEXT);
    if (outcome.status === 'created') recorded++;
  }
  return recorded;
}
