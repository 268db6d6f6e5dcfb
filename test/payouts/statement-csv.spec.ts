import { Readable } from 'node:stream';
import { parseStatementCsv, readStatementCsv, type StatementParse } from '#ledger';

/** Every case is read twice, from a string and as a byte stream cut into 7-byte chunks, with the same answer. */
async function both(text: string): Promise<StatementParse> {
  const fromString = parseStatementCsv(text);
  const bytes = Buffer.from(text, 'utf8');
  const chunks = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, index) => bytes.subarray(index * 7, index * 7 + 7));
  const fromStream = await readStatementCsv(Readable.from(chunks));
  expect(fromStream).toStrictEqual(fromString);
  return fromString;
}

const P1 = { paymentRef: 'P-1', personId: '4600000001', amount: '1234000' };
const P2 = { paymentRef: 'P-2', personId: '4600000002', amount: '2500000' };

describe('statement CSV', () => {
  it.each([
    ['plain comma file', 'paymentRef,personId,amount\nP-1,4600000001,1234000\nP-2,4600000002,2500000\n'],
    ['BOM, semicolons, thousands dots and CRLF', '\uFEFFpaymentRef;personId;amount\r\nP-1;4600000001;1.234.000\r\nP-2;4600000002;2.500.000\r\n'],
    ['columns in another order and case', 'AMOUNT,PaymentRef,personid\n1.234.000,P-1,4600000001\n2500000,P-2,4600000002'],
    ['quoted fields, an extra column and empty lines', '"paymentRef";"personId";"amount";"họ tên"\n\n"P-1";"4600000001";"1.234.000";"Nguyễn Văn A; con"\n\n"P-2";4600000002;"2500000";"Trần Thị B"\n'],
    ['spaces around the cells', ' paymentRef , personId , amount \n P-1 , 4600000001 , 1.234.000 \nP-2,4600000002,2500000'],
    ['leading zeros', 'paymentRef,personId,amount\nP-1,4600000001,0001234000\nP-2,4600000002,2.500.000'],
  ])('reads a %s: 2 lines, 3,734,000 đ', async (_case, text) => {
    expect(await both(text)).toStrictEqual({ ok: true, lines: [P1, P2] });
  });

  it('keeps a 12-digit CCCD number and amounts up to 10^15 đồng exactly', async () => {
    const parsed = await both('paymentRef,personId,amount\nP-9,046000000123,1.000.000.000.000.000\n');
    expect(parsed).toStrictEqual({ ok: true, lines: [{ paymentRef: 'P-9', personId: '046000000123', amount: '1000000000000000' }] });
  });

  it.each([
    ['a decimal comma', 'P-2,4600000002,"1.234,5"', 'line 3', 'amount "1.234,5" has a decimal comma: amounts are whole đồng, written 1234000 or 1.234.000'],
    ['a decimal dot', 'P-2,4600000002,1234.5', 'line 3', 'amount "1234.5" is not a whole number of đồng (write 1234000 or 1.234.000)'],
    ['badly grouped thousands', 'P-2,4600000002,12.34.000', 'line 3', 'amount "12.34.000" is not a whole number of đồng (write 1234000 or 1.234.000)'],
    ['a negative amount', 'P-2,4600000002,-500', 'line 3', 'amount "-500" is not a whole number of đồng (write 1234000 or 1.234.000)'],
    ['an amount over 10^15', 'P-2,4600000002,1000000000000001', 'line 3', 'amount "1000000000000001" must not exceed 10^15 đồng'],
    ['an amount over 10^18', 'P-2,4600000002,1000000000000000001', 'line 3', 'amount "1000000000000000001" must not exceed 10^15 đồng'],
    ['an empty amount', 'P-2,4600000002,', 'line 3', 'amount is empty'],
    ['an empty personId', 'P-2,,2500000', 'line 3', 'personId is empty'],
    ['a personId Excel cut to 9 digits', 'P-2,460000002,2500000', 'line 3', 'personId "460000002" must be a 10-digit BHXH number or a 12-digit CCCD number'],
    ['an empty paymentRef', ',4600000002,2500000', 'line 3', 'paymentRef is empty'],
    ['a missing field', 'P-2,4600000002', 'line 3', 'has 2 fields where the header has 3'],
    ['an extra field', 'P-2,4600000002,2500000,x', 'line 3', 'has 4 fields where the header has 3'],
    ['a repeated paymentRef', 'P-1,4600000009,2500000', 'line 3', 'paymentRef P-1 repeats line 2'],
  ])('refuses the whole file for %s, naming the line', async (_case, badLine, field, message) => {
    const text = `paymentRef,personId,amount\nP-1,4600000001,1234000\n${badLine}\nP-3,4600000003,100000\n`;
    expect(await both(text)).toStrictEqual({ ok: false, errors: [{ field, message }] });
  });

  it('counts lines as an editor shows them: empty lines and a quoted line break included', async () => {
    const text = 'paymentRef;personId;amount;note\n\nP-1;4600000001;1.234.000;"two\nlines"\n\nP-2;4600000002;1.234,5;x\n';
    expect(await both(text)).toStrictEqual({
      ok: false,
      errors: [{ field: 'line 6', message: 'amount "1.234,5" has a decimal comma: amounts are whole đồng, written 1234000 or 1.234.000' }],
    });
  });

  it('reports every bad line of a file, not only the first', async () => {
    const text = 'paymentRef,personId,amount\nP-1,,1\nP-2,4600000002,1,5\nP-3,4600000003,x\nP-4,4600000004,400\n';
    expect(await both(text)).toStrictEqual({
      ok: false,
      errors: [
        { field: 'line 2', message: 'personId is empty' },
        { field: 'line 3', message: 'has 4 fields where the header has 3' },
        { field: 'line 4', message: 'amount "x" is not a whole number of đồng (write 1234000 or 1.234.000)' },
      ],
    });
  });

  it('stops listing after 50 bad lines and says how many more there were', async () => {
    const bad = Array.from({ length: 70 }, (_, index) => `P-${index},4600000001,1,5`).join('\n');
    const parsed = await both(`paymentRef,personId,amount\n${bad}\n`);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toHaveLength(51);
    expect(parsed.errors[49]).toStrictEqual({ field: 'line 51', message: 'has 4 fields where the header has 3' });
    expect(parsed.errors[50]).toStrictEqual({ field: 'body', message: '… and 20 more refused lines' });
  });

  it.each([
    ['no header', 'P-1,4600000001,1234000\n', 'the header row must name paymentRef, personId and amount; missing: paymentRef, personId, amount'],
    ['a header without amount', 'paymentRef,personId,số tiền\nP-1,4600000001,1234000\n', 'the header row must name paymentRef, personId and amount; missing: amount'],
    ['amount named twice', 'paymentRef,personId,amount,Amount\nP-1,4600000001,1,2\n', 'the header names amount twice'],
    ['an empty file', '', 'the statement is empty: a header row paymentRef,personId,amount is required'],
    ['only a BOM', '\uFEFF', 'the statement is empty: a header row paymentRef,personId,amount is required'],
  ])('refuses %s at line 1', async (_case, text, message) => {
    expect(await both(text)).toStrictEqual({ ok: false, errors: [{ field: 'line 1', message }] });
  });

  it('refuses a header with no payment lines', async () => {
    expect(await both('paymentRef,personId,amount\n\n')).toStrictEqual({
      ok: false, errors: [{ field: 'line 2', message: 'the statement has a header row but no payment lines' }],
    });
  });

  it('refuses an unclosed quote at the line where it opens', async () => {
    const parsed = await both('paymentRef,personId,amount\nP-1,4600000001,1234000\n"P-2,4600000002,2500000\n');
    expect(parsed).toStrictEqual({ ok: false, errors: [{ field: 'line 3', message: expect.stringMatching(/^the file is not valid CSV: Quote Not Closed/) }] });
  });

  it('refuses a file saved in a legacy code page, whose bytes are not UTF-8', async () => {
    const latin1 = Buffer.concat([Buffer.from('paymentRef,personId,amount\nP-'), Buffer.from([0xe9]), Buffer.from('1,4600000001,1234000\n')]);
    const parsed = await readStatementCsv(Readable.from([latin1]));
    expect(parsed).toStrictEqual({ ok: false, errors: [{ field: 'line 2', message: 'is not valid UTF-8 (save the file as "CSV UTF-8")' }] });
  });
});
