/**
 * A month of 100,000 pension payments in Hướng Hóa (465), October 2023, and the agent's statement of
 * them with known discrepancies. Payment i (1..100,000) is `HH-i` to person `45` + i in 8 digits,
 * amount 1,500,000 + i đồng. The statement leaves out every 10,000th payment (10 missing in the
 * statement), reports payments 1, 4001, …, 96001 1,000 đ too high (25 mismatches) and adds 10
 * payments the ledger never recorded, 700,000 đ each: 99,990 + 10 = 100,000 lines.
 */
export const PAYMENTS = 100_000;

export const paymentRef = (i: number) => `HH-${String(i).padStart(6, '0')}`;
export const personId = (i: number) => `45${String(i).padStart(8, '0')}`;
export const ledgerAmount = (i: number) => String(1_500_000 + i);
export const leftOut = (i: number) => i % 10_000 === 0;
export const misreported = (i: number) => i % 4_000 === 1;

/** The expected result, worked out by hand (and checked against the formulas in the spec). */
export const EXPECTED = {
  matched: { count: 99_965, amount: '154945799975' },
  amountMismatches: { count: 25, amount: '38725025' },
  missingInLedger: { count: 10, amount: '7000000' },
  missingInStatement: { count: 10, amount: '15550000' },
};

/** The NDJSON import file: one PayBenefit per line. */
export function* paymentCommands(): Generator<string> {
  for (let i = 1; i <= PAYMENTS; i++) {
    const data = {
      paymentRef: paymentRef(i), personId: personId(i), benefit: 'pension', payoutMonth: '2023-10', amount: ledgerAmount(i),
      channel: i % 3 === 0 ? 'bank-account' : 'post-office-cash', areaCode: '465', paidOn: '2023-10-05',
    };
    yield `${JSON.stringify({ command: 'PayBenefit', data })}\n`;
  }
}

/** `1501001` → `1.501.001`, as a Vietnamese statement prints it. */
export function withThousandsDots(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+$)/g, '.');
}

/** The agent's statement as CSV with Vietnamese thousands separators, a line at a time. */
export function* statementCsv(): Generator<string> {
  yield '\uFEFFpaymentRef;personId;amount\r\n';
  for (let i = 1; i <= PAYMENTS; i++) {
    if (leftOut(i)) continue;
    const amount = misreported(i) ? String(1_501_000 + i) : ledgerAmount(i);
    yield `${paymentRef(i)};${personId(i)};${withThousandsDots(amount)}\r\n`;
  }
  for (let k = 1; k <= 10; k++) yield `XX-${k};45999999${String(k).padStart(2, '0')};700.000\r\n`;
}
