import { parseCamt053, parseStatementCsv, VIETCOMBANK } from '#bank';
import type { Command } from '#domain';
import { generateCommands, type BankExpectation, type GenerateOptions, type StatementFile } from './index.js';

const ACCOUNT = { account: '0071000123456', areaCode: '45', bank: 'vietcombank' };
// Three months of 40 employers: small, yet with every kind of messy transfer (seed 3).
const SMALL: GenerateOptions = { scenario: 'demo', seed: 3, employers: 40, persons: 10, months: 3 };

function generateWithStatements(options: GenerateOptions) {
  const files = new Map<string, string>();
  let expected: BankExpectation | undefined;
  const lines = [...generateCommands(options, { accounts: [ACCOUNT], write: (f: StatementFile) => files.set(f.name, f.content), done: (e) => (expected = e) })];
  return { lines, files, expected: expected! };
}

describe('socai generate --bank-statements', () => {
  const plain = [...generateCommands(SMALL)];
  const { lines, files, expected } = generateWithStatements(SMALL);

  it('leaves out of the command file exactly the employers\' collections the statements bring, and changes nothing else', () => {
    const moved = plain.filter((line) => !lines.includes(line));
    expect(plain.filter((line) => !moved.includes(line))).toEqual(lines);
    const commands = moved.map((line) => JSON.parse(line) as Command);
    expect(commands.every((c) => c.command === 'CollectContribution' && c.data.payer.kind === 'employer')).toBe(true);
    // 106 payments by 40 employers of Quảng Trị (45), the province the collection account serves.
    expect(commands.length).toBe(110);
    const paid = commands.reduce((sum, c) => sum + BigInt(c.command === 'CollectContribution' ? c.data.amount : 0), 0n);
    // The statements carry the same money, plus the credits meant for another province.
    const [account] = expected.accounts;
    expect(BigInt(account!.credits.amount) - BigInt(account!.byKind['other-province']!.amount)).toBe(paid);
  });

  it('writes a camt.053 and the bank\'s CSV export per month, which read back as the same lines', () => {
    expect([...files.keys()]).toEqual([
      '0071000123456/2024-10.camt053.xml', '0071000123456/2024-10.vietcombank.csv',
      '0071000123456/2024-11.camt053.xml', '0071000123456/2024-11.vietcombank.csv',
      '0071000123456/2024-12.camt053.xml', '0071000123456/2024-12.vietcombank.csv',
      'expected.json',
    ]);
    let opening: string | undefined;
    for (const month of ['2024-10', '2024-11', '2024-12']) {
      const [statement] = parseCamt053(files.get(`0071000123456/${month}.camt053.xml`)!);
      const csv = parseStatementCsv(files.get(`0071000123456/${month}.vietcombank.csv`)!, VIETCOMBANK, ACCOUNT.account);
      expect(csv.lines).toEqual(statement!.lines);
      // Each month opens on the month before's closing balance.
      if (opening) expect(statement!.header.opening!.amount).toBe(opening);
      opening = statement!.header.closing!.amount;
      expect(new Set(statement!.lines.map((l) => l.bankRef)).size).toBe(statement!.lines.length);
    }
  });

  it('says what loading the statements must give: every kind of line, none matched wrongly', () => {
    const [account] = expected.accounts;
    expect(account).toMatchObject({
      credits: { count: 113, amount: '14058854600' },
      matched: { count: 104, amount: '11600690400' },
      suspense: { count: 9, amount: '2458164200' },
      wrong: 0,
      sharePercent: '82.51',
      statements: [
        { file: '0071000123456/2024-10.camt053.xml', lines: 35, credits: 33, matched: 30, suspense: 3 },
        { file: '0071000123456/2024-11.camt053.xml', lines: 41, credits: 39, matched: 36, suspense: 3 },
        { file: '0071000123456/2024-12.camt053.xml', lines: 43, credits: 41, matched: 38, suspense: 3 },
      ],
    });
    expect(account!.byKind).toEqual({
      code: { count: 81, amount: '9596672200', matched: 81, suspense: 0 },
      'tax-code': { count: 10, amount: '646418200', matched: 10, suspense: 0 },
      // One payment in two transfers: both halves name the code.
      split: { count: 10, amount: '896532000', matched: 10, suspense: 0 },
      typo: { count: 1, amount: '409125600', matched: 1, suspense: 0 },
      'typo-known-account': { count: 1, amount: '32768000', matched: 1, suspense: 0 },
      'no-code-known-account': { count: 1, amount: '19174400', matched: 1, suspense: 0 },
      // For the clerk: a transfer with no code from an account never seen, two employers in one, another province's.
      'no-code': { count: 1, amount: '196779400', matched: 0, suspense: 1 },
      'two-employers': { count: 5, amount: '2098970800', matched: 0, suspense: 5 },
      'other-province': { count: 3, amount: '162414000', matched: 0, suspense: 3 },
    });
    // The command file keeps the persons' collections (paid at the office or an agent); the ledger's
    // total is those and the credits matched automatically.
    expect(expected.collections).toEqual({ commandFile: '2211300', matchedCredits: '11600690400', total: '11602901700' });
    expect(JSON.parse(files.get('expected.json')!)).toEqual(expected);
  });

  // The aim: at least 95 % of the credited amount matched automatically, none wrongly. The
  // 3,000-employer province gives 95.55 % for seeds 1 and 2 (docs/decisions.md); too slow for a spec.
  it.each([
    [1, '96.41'],
    [2, '96.35'],
  ])('matches the demo scenario\'s two years (seed %i) for %s %% of the amount, none wrongly', (seed, share) => {
    const { expected: whole } = generateWithStatements({ scenario: 'demo', seed });
    expect({ share: whole.accounts[0]!.sharePercent, wrong: whole.accounts[0]!.wrong }).toEqual({ share, wrong: 0 });
  });

  it('is the same for the same seed', () => {
    expect(generateWithStatements(SMALL).files).toEqual(files);
  });
});
