import type { ColumnMapping } from '../parsers/mapping.js';

/**
 * The column mappings of two banks' portal exports. They are assumed formats, written from how these
 * portals are commonly described, not from a bank's specification: check one real export against
 * them before relying on them (docs/decisions.md, "Bank statement column mappings").
 */
export const VIETCOMBANK: ColumnMapping = {
  bank: 'vietcombank',
  columns: {
    bookingDate: 'Ngày giao dịch',
    valueDate: 'Ngày hiệu lực',
    credit: 'Số tiền ghi có',
    debit: 'Số tiền ghi nợ',
    bankRef: 'Số tham chiếu',
    description: 'Mô tả',
    counterpartyName: 'Tên đơn vị chuyển',
    counterpartyAccount: 'Tài khoản đối ứng',
  },
  dateFormat: 'dd/mm/yyyy',
  decimal: ',',
  thousands: '.',
};

export const BIDV: ColumnMapping = {
  bank: 'bidv',
  columns: {
    bookingDate: 'Ngày GD',
    valueDate: 'Ngày hiệu lực',
    amount: 'Số tiền',
    bankRef: 'Mã giao dịch',
    description: 'Nội dung giao dịch',
    counterpartyName: 'Tên TK đối ứng',
    counterpartyAccount: 'Số TK đối ứng',
  },
  dateFormat: 'dd/mm/yyyy',
  decimal: '.',
  thousands: ',',
};

export const BANK_MAPPINGS: Record<string, ColumnMapping> = { vietcombank: VIETCOMBANK, bidv: BIDV };
