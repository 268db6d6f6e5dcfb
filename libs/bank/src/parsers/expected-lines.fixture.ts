import type { StatementLine } from '../statement.js';

/** The four booked lines of 2023-11-01/02 that the camt.053 and both CSV fixtures hold. */
export const NOVEMBER_LINES: StatementLine[] = [
  {
    account: '0071000123456',
    bankRef: 'FT23305000001',
    bookingDate: '2023-11-01',
    valueDate: '2023-11-01',
    amount: '32635000',
    direction: 'credit',
    description: 'BHXH T10/2023 TA0100A',
    counterpartyName: 'CONG TY TNHH MIA DUONG QUANG TRI',
    counterpartyAccount: '0451000234567',
  },
  {
    account: '0071000123456',
    bankRef: 'FT23305000002',
    bookingDate: '2023-11-01',
    valueDate: '2023-11-01',
    amount: '15200000',
    direction: 'credit',
    description: 'MST 0101234567 nộp BHXH tháng 10/2023',
    counterpartyName: 'Công ty Cổ phần Thủy sản Sao Mai',
    counterpartyAccount: '1023456789',
  },
  {
    account: '0071000123456',
    bankRef: 'FT23305000003',
    bookingDate: '2023-11-01',
    valueDate: '2023-11-01',
    amount: '11000',
    direction: 'debit',
    description: 'Phi quan ly tai khoan',
  },
  {
    account: '0071000123456',
    bankRef: 'FT23306000004',
    bookingDate: '2023-11-02',
    valueDate: '2023-11-03',
    amount: '48000000',
    direction: 'credit',
    description: 'BHXH T10/2023 TA0100A va TB0200B',
    counterpartyName: 'CONG TY CP XAY DUNG DAI VIET',
    counterpartyAccount: '0771000555666',
  },
];
