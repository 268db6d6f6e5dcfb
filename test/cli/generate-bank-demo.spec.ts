import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { todayUtc } from '#domain';
import { loadBankAccounts, NdjsonImport } from '#ledger';
import { configFromEnv, SocaiRuntime } from '#runtime';
import { generateCommands, type BankExpectation, type StatementFile } from '../../apps/cli/src/generate/index.js';
import { loadGeneratedStatements } from '../../apps/cli/src/generate/load-statements.js';

/**
 * What `npm run demo -- --bank-statements` loads (the reorganisation scenario, seed 1), in process on a
 * real SQLite ledger: the old Quảng Trị's account keeps receiving its employers' money after
 * 2025-07-01, and the ledger matches each month's statement exactly as the generator's expected.json says,
 * those registered in the new province's communes included (they are not the old province's payers).
 */
describe('the demo scenario with its bank statements', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'socai-demobank-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('matches 915 of 976 credits, month by month as expected, and ties the collections', async () => {
    const runtime = SocaiRuntime.open({ ...configFromEnv({}), dataDir });
    try {
      const files: StatementFile[] = [];
      let expected: BankExpectation | undefined;
      const accounts = loadBankAccounts();
      const sink = { accounts: [...accounts.values()], write: (f: StatementFile) => files.push(f), done: (e: BankExpectation) => (expected = e) };
      const summary = await new NdjsonImport(runtime.ledger, { actor: 'demo', role: 'admin', source: 'import' }).run(generateCommands({ scenario: 'reorganisation', seed: 1 }, sink));
      expect(summary.recorded).toBe(7925);
      const reports = await loadGeneratedStatements(runtime.ledger, runtime.areas, accounts, files, todayUtc());
      const [account] = expected!.accounts;
      expect(reports.map((r) => [r.newCredits, r.matched, r.suspense])).toEqual(account!.statements.map((s) => [s.credits, s.matched, s.suspense]));
      expect({ matched: account!.matched.count, suspense: account!.suspense.count, wrong: account!.wrong }).toEqual({ matched: 915, suspense: 61, wrong: 0 });
      let collected = 0n;
      for (const event of await runtime.ledger.store.readAll({ fromPosition: 1, limit: 100_000, types: ['ContributionCollected'] })) {
        collected += BigInt((event.data as { amount: string }).amount);
      }
      expect(collected.toString()).toBe(expected!.collections.total);
    } finally {
      await runtime.close();
    }
  });
});
