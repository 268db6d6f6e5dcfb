import { readAmount, readMachineAmount } from './amount.js';

const VN = { decimal: ',', thousands: '.' } as const;
const EN = { decimal: '.', thousands: ',' } as const;

describe('amounts as people write them', () => {
  it.each([
    ['1.234.000', VN, { value: '1234000' }],
    ['1.234.000,00', VN, { value: '1234000' }],
    ['1.234.000 VND', VN, { value: '1234000' }],
    ['1234000', VN, { value: '1234000' }],
    ['-11.000', VN, { value: '-11000' }],
    ['1,234,000.00', EN, { value: '1234000' }],
    ['1 234 000', { decimal: ',', thousands: ' .' } as const, { value: '1234000' }],
    ['1.234.000,50', VN, { problem: '1.234.000,50 is not a whole number of đồng (VND has no minor unit)' }],
    // A machine-style number under a grouping mark would otherwise be read a hundred times too big.
    ['32635000.00', VN, { problem: '"32635000.00" is not grouped in thousands with "."' }],
    ['1.23.000', VN, { problem: '"1.23.000" is not grouped in thousands with "."' }],
    ['48 triệu', VN, { problem: '"48 triệu" is not an amount' }],
  ])('%s', (text, format, expected) => {
    expect(readAmount(text, format)).toEqual(expected);
  });

  it.each([
    ['32635000', '.', { value: '32635000' }],
    ['32635000.00', '.', { value: '32635000' }],
    ['15200000,', ',', { value: '15200000' }],
    ['15200000,00', ',', { value: '15200000' }],
    ['8.85', '.', { problem: '8.85 is not a whole number of đồng (VND has no minor unit)' }],
    ['-5', '.', { problem: '"-5" is not an amount' }],
    ['1e6', '.', { problem: '"1e6" is not an amount' }],
  ] as const)('machine amount %s', (text, decimal, expected) => {
    expect(readMachineAmount(text, decimal)).toEqual(expected);
  });
});
