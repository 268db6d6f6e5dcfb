/**
 * Collections from bank statements, the pure part (issue 24). The wiring reads a file with
 * `readStatementFile` (whole or refused with a `StatementParseError` naming the line or element),
 * records each line as a fact keyed by account + bankRef, matches credits with
 * `matchCredit(line, indexPayers(directory))`, and books a confident match as a collection whose
 * receipt number is `receiptNumberFor(account, bankRef)`. Nothing here touches a file, a store or HTTP.
 */
export * from './statement.js';
export { readAmount, readMachineAmount, type NumberFormat } from './amount.js';
export { readDate, type DateFormat } from './dates.js';
export { parseCamt053, type Camt053Options } from './parsers/camt053.js';
export { parseMt940, type Mt940Options } from './parsers/mt940.js';
export { parseStatementCsv } from './parsers/csv.js';
export { parseStatementXlsx } from './parsers/xlsx.js';
export { type ColumnMapping, MappingError, mappingProblem, readMapping } from './parsers/mapping.js';
export { BANK_MAPPINGS, BIDV, VIETCOMBANK } from './mappings/index.js';
export { normaliseText } from './matching/normalise.js';
export { periodsIn } from './matching/period.js';
export { indexPayers, type Payer, type PayerIndex } from './matching/payer-directory.js';
export { matchCredit, type Candidate, type CreditText, type MatchResult } from './matching/match-credit.js';
export { coverFor, personNumbersIn, type PersonCollection, type PersonCover, type PersonPayer, type PersonScheme } from './matching/person-match.js';
export { receiptNumberFor } from './receipt.js';
export { generateProvinceStatement, MESS_PER_MILLE, OTHER_PROVINCE_PER_MILLE, type CreditKind, type GeneratedCredit, type GeneratedProvince, type StatementScenario } from './generator/generate-statement.js';
export { writeCamt053 } from './generator/write-camt053.js';
export { writeStatementCsv } from './generator/write-csv.js';
export { SeededRandom } from './generator/random.js';
export { readStatementFile, type ReadStatementOptions } from './read-statement.js';
export { contributionText, mistype, stripAccents, writeCode } from './generator/transfer-texts.js';
