import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store';

const SOCAI = join(process.cwd(), 'bin', 'socai.js');

/**
 * Issue 24 item 5 on the built CLI (SQLite): `socai generate --bank-statements` writes a small
 * scenario's command file and its collection account's statements; loading the file, then each month's
 * camt.053 through `socai bank-statement import`, matches exactly what the generator said, and the
 * province's collections come to its expected total to the đồng. The CSV exports bring nothing new.
 */
describe('socai generate --bank-statements, loaded through socai bank-statement import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'socai-genbank-'));
  const env = { ...process.env, SOCAI_DATA_DIR: join(dir, 'data') };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) => spawnSync('node', [SOCAI, ...args], { env, encoding: 'utf8', maxBuffer: 64 << 20 });

  it('matches each statement as expected and brings the province\'s collections to the expected total', async () => {
    const statements = join(dir, 'statements');
    const generated = run('generate', '--scenario', 'demo', '--seed', '3', '--employers', '40', '--persons', '10', '--months', '3', '--bank-statements', statements);
    expect({ status: generated.status, stderr: generated.stderr }).toEqual({
      status: 0,
      stderr: `socai generate: ${statements}/0071000123456: 3 statements, 113 credits of 14058854600; matched automatically 104 of 11600690400 (82.51 % of the amount), 0 wrong; 9 of 2458164200 to suspense\n`,
    });
    const file = join(dir, 'scenario.ndjson');
    writeFileSync(file, generated.stdout);
    expect(run('import', file).status).toBe(0);

    const expected = JSON.parse(readFileSync(join(statements, 'expected.json'), 'utf8')) as {
      accounts: { statements: { file: string; lines: number; credits: number; matched: number; suspense: number }[] }[];
      collections: { commandFile: string; matchedCredits: string; total: string };
    };
    const outputs = [];
    for (const s of expected.accounts[0]!.statements) {
      const loaded = run('bank-statement', 'import', join(statements, s.file), '--account', '0071000123456');
      outputs.push(loaded.stdout);
      expect(loaded.stdout).toBe(`${s.file.split('/')[1]} on 0071000123456: ${s.lines} lines, 2 debits, ${s.credits} new credits, 0 duplicates, ${s.matched} matched, ${s.suspense} in suspense\n`);
    }
    expect(outputs).toEqual([
      '2024-10.camt053.xml on 0071000123456: 35 lines, 2 debits, 33 new credits, 0 duplicates, 30 matched, 3 in suspense\n',
      '2024-11.camt053.xml on 0071000123456: 41 lines, 2 debits, 39 new credits, 0 duplicates, 36 matched, 3 in suspense\n',
      '2024-12.camt053.xml on 0071000123456: 43 lines, 2 debits, 41 new credits, 0 duplicates, 38 matched, 3 in suspense\n',
    ]);
    // The same credits as the bank's CSV export: recorded already, nothing new.
    const csv = run('bank-statement', 'import', join(statements, '0071000123456', '2024-11.vietcombank.csv'), '--account', '0071000123456');
    expect(csv.stdout).toBe('2024-11.vietcombank.csv on 0071000123456: 41 lines, 2 debits, 0 new credits, 39 duplicates, 0 matched, 0 in suspense\n');

    const store = SqliteEventStore.open(join(dir, 'data', 'events.sqlite'));
    try {
      let collected = 0n;
      let fromBank = 0n;
      const areas = new Set<string>();
      for (const event of await store.readAll({ fromPosition: 1, limit: 100_000, types: ['ContributionCollected'] })) {
        const data = event.data as { amount: string; receiptNo: string; areaCode: string };
        collected += BigInt(data.amount);
        if (data.receiptNo.startsWith('BANK-')) fromBank += BigInt(data.amount);
        areas.add(data.areaCode);
      }
      // Every collection of this scenario is Quảng Trị's (45): the province's total is the ledger's.
      const districtsOf45 = readFileSync(join(process.cwd(), 'reference-data', 'areas-until-2025-06-30.csv'), 'utf8').split('\n')
        .filter((row) => row.endsWith(',district,45')).map((row) => row.split(',')[0]);
      expect([...areas].filter((area) => !districtsOf45.includes(area))).toEqual([]);
      expect({ collected: collected.toString(), fromBank: fromBank.toString() }).toEqual({ collected: expected.collections.total, fromBank: expected.collections.matchedCredits });
      expect(expected.collections).toEqual({ commandFile: '2211300', matchedCredits: '11600690400', total: '11602901700' });
    } finally {
      await store.close();
    }
  });
});
