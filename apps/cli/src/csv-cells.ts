/**
 * CSV injection (OWASP): a spreadsheet that opens a CSV file reads a cell beginning with `=`, `+`,
 * `-` or `@` as a formula, and tab or carriage return can hide such a start from a reader while some
 * programs still act on it; `=cmd|' /C calc'!A0` in a payment reference runs a program on the
 * finance officer's machine. Such a cell is written with a leading single quote, which spreadsheets
 * take as "text" and show without it. Their full-width forms (`＝`, `＋`, `－`, `＠`), which some
 * spreadsheets fold to the ASCII ones, are treated alike.
 *
 * A plain decimal number ("-1000", "+12.5") is left as it is: a spreadsheet reads it as a number,
 * never as a formula, and a quote would turn a money column into text (docs/decisions.md).
 * JSON and XLSX exports keep the original text: neither is read as a formula.
 */
const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/** The cell as it may safely be written to CSV (see above); anything else unchanged. */
export function spreadsheetSafe(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}
