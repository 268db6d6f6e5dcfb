import { moneyProblem, type Money } from '#domain';
import { MAX_CODE_LENGTH, PERSON_ID_RULE } from '../validation/field-rules.js';

/** The columns a statement must name in its header row, in the contract's spelling. */
export const STATEMENT_COLUMNS = ['paymentRef', 'personId', 'amount'] as const;
export type StatementColumn = (typeof STATEMENT_COLUMNS)[number];

/** `1.234.000`: groups of three digits separated by dots, the way Vietnamese statements print đồng. */
const VIETNAMESE_THOUSANDS = /^\d{1,3}(?:\.\d{3})+$/;
const PLAIN_DIGITS = /^\d+$/;

/**
 * Reads an amount as a statement prints it: plain digits (`1234000`) or Vietnamese thousands
 * separators (`1.234.000`). Anything with a comma is refused, since in Vietnamese a comma is the
 * decimal mark (`1.234,5`) and the đồng has no fraction; so are spaces, signs and currency marks,
 * which a careful agent does not put in a machine-read column.
 */
export function statementAmount(raw: string): { amount: Money } | { problem: string } {
  if (raw === '') return { problem: 'amount is empty' };
  if (raw.includes(',')) {
    return { problem: `amount "${raw}" has a decimal comma: amounts are whole đồng, written 1234000 or 1.234.000` };
  }
  let digits: string;
  if (PLAIN_DIGITS.test(raw)) digits = raw;
  else if (VIETNAMESE_THOUSANDS.test(raw)) digits = raw.replaceAll('.', '');
  else return { problem: `amount "${raw}" is not a whole number of đồng (write 1234000 or 1.234.000)` };
  // Leading zeros carry no meaning in an amount; the ledger's money strings have none.
  const amount = digits.replace(/^0+(?=\d)/, '');
  const problem = moneyProblem(amount);
  return problem ? { problem: `amount "${raw}" ${problem}` } : { amount };
}

/** Why a paymentRef cell is unusable; undefined when it is fine. */
export function paymentRefProblem(raw: string): string | undefined {
  if (raw === '') return 'paymentRef is empty';
  if (raw.length > MAX_CODE_LENGTH) return `paymentRef is longer than ${MAX_CODE_LENGTH} characters`;
  return undefined;
}

/** Why a personId cell is unusable; undefined when it is fine. */
export function personIdProblem(raw: string): string | undefined {
  if (raw === '') return 'personId is empty';
  if (!PERSON_ID_RULE.test(raw)) return `personId "${raw}" ${PERSON_ID_RULE.problem as string}`;
  return undefined;
}

/**
 * The separator of a statement, read from its header line: a semicolon when the header has more
 * semicolons than commas outside quotes (what Excel writes under a Vietnamese locale), else a comma.
 */
export function detectDelimiter(headerLine: string): ';' | ',' {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const char of headerLine.replace(/^\uFEFF/, '')) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === ';') semicolons++;
    else if (!quoted && char === ',') commas++;
  }
  return semicolons > commas ? ';' : ',';
}

/**
 * Where each required column sits in the header. Names are compared without case and surrounding
 * spaces. Extra columns (the recipient's name, a signature column) are ignored, because agents'
 * exports carry them and refusing them would make staff edit every file; a required column named
 * twice is refused, since it is unclear which one holds the figure.
 */
export function locateColumns(header: string[]): { index: Record<StatementColumn, number> } | { problem: string } {
  const names = header.map((name) => name.trim().toLowerCase());
  const index = {} as Record<StatementColumn, number>;
  const missing: string[] = [];
  for (const column of STATEMENT_COLUMNS) {
    const found = names.indexOf(column.toLowerCase());
    if (found < 0) missing.push(column);
    else if (names.indexOf(column.toLowerCase(), found + 1) >= 0) return { problem: `the header names ${column} twice` };
    index[column] = found;
  }
  if (missing.length > 0) {
    return { problem: `the header row must name paymentRef, personId and amount; missing: ${missing.join(', ')}` };
  }
  return { index };
}
