import type { DateFormat } from '../dates.js';

/**
 * How one bank's portal export is laid out, given once per bank in a small JSON file
 * (libs/bank/src/mappings/). Column values are the header texts as the export writes them; they are
 * compared without case, spaces at the ends or diacritics, so "Số tham chiếu" matches "SO THAM CHIEU".
 */
export interface ColumnMapping {
  bank: string;
  columns: {
    bookingDate: string;
    valueDate?: string;
    /** One signed amount column (negative = debit) … */
    amount?: string;
    /** … or a credit and a debit column, one of them filled on each row. */
    credit?: string;
    debit?: string;
    bankRef: string;
    description: string;
    counterpartyName?: string;
    counterpartyAccount?: string;
  };
  dateFormat: DateFormat;
  decimal: '.' | ',';
  thousands: string;
  /** `;` or `,`; found from the header line when left out. */
  delimiter?: string;
  /** The worksheet to read in an XLSX export; the first when left out. */
  sheet?: string;
}

/** Reads a bank's mapping file (JSON), refusing one that could not read a statement. */
export function readMapping(json: string): ColumnMapping {
  let mapping: ColumnMapping;
  try {
    mapping = JSON.parse(json.replace(/^\uFEFF/, '')) as ColumnMapping;
  } catch (err) {
    throw new MappingError(`not JSON: ${(err as Error).message}`);
  }
  if (typeof mapping?.bank !== 'string' || typeof mapping.columns !== 'object' || mapping.columns === null) throw new MappingError('needs bank and columns');
  if (!DATE_FORMATS.includes(mapping.dateFormat)) throw new MappingError(`dateFormat must be one of ${DATE_FORMATS.join(', ')}`);
  if (mapping.decimal !== '.' && mapping.decimal !== ',') throw new MappingError('decimal must be "." or ","');
  if (typeof mapping.thousands !== 'string') throw new MappingError('thousands must be a string (may be empty)');
  const problem = mappingProblem(mapping);
  if (problem) throw new MappingError(problem);
  return mapping;
}

/** A column mapping file that cannot be used. */
export class MappingError extends Error {
  readonly code = 'BANK_MAPPING_INVALID';
  constructor(readonly reason: string) {
    super(`bank column mapping refused: ${reason}`);
    this.name = 'MappingError';
  }
}

const DATE_FORMATS: DateFormat[] = ['dd/mm/yyyy', 'yyyy-mm-dd', 'mm/dd/yyyy', 'dd-mm-yyyy', 'dd.mm.yyyy'];

/** Refuses a mapping that could not read a statement, before any file is read with it. */
export function mappingProblem(mapping: ColumnMapping): string | undefined {
  const c = mapping.columns;
  if (!c.bookingDate || !c.bankRef || !c.description) return 'columns bookingDate, bankRef and description are required';
  if (!c.amount && !(c.credit && c.debit)) return 'give either an amount column or both credit and debit columns';
  if (mapping.decimal === '.' && mapping.thousands.includes('.')) return 'decimal and thousands separators must differ';
  if (mapping.decimal === ',' && mapping.thousands.includes(',')) return 'decimal and thousands separators must differ';
  return undefined;
}
