/**
 * JSON.parse reads `1e3`, `1000.0` and `1000` alike as 1000, and `-0` as a zero that String() turns
 * into "0"; the contract accepts only the plain integer among them as an amount ("fractions,
 * negatives, exponents … are refused"). So before a body or an import line is parsed, every number
 * literal that is not a plain integer is turned into an object holding its text, `{"$jsonNumber":
 * "1e3"}`, which no field accepts: validation refuses it as it refuses any non-string amount, or a
 * count that is not a number, with its field. (A plain string would slip through as a text field.)
 */

/**
 * A quick test that lets nearly every text through untouched: a fraction, an exponent or a minus
 * zero right after `:`, `,` or `[`. Dates ("2024-03-01") and names never match it; a string that
 * happens to (a reason "at 9:30.5") only costs the exact scan below, which leaves strings alone.
 */
const MAYBE_LOOSE = /[:,[]\s*-?\d+[.eE]|[:,[]\s*-0(?![\d.eE])/;

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** What a loose literal becomes: an object no field rule accepts. */
export const LOOSE_NUMBER_KEY = '$jsonNumber';

/** The text with each fraction, exponent or `-0` literal outside strings wrapped; the text itself when it has none. */
export function quoteLooseNumbers(text: string): string {
  if (!MAYBE_LOOSE.test(text)) return text;
  let out = '';
  let copiedTo = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      i = endOfString(text, i);
    } else if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      NUMBER.lastIndex = i;
      const literal = NUMBER.exec(text)?.[0];
      if (literal === undefined) return text; // Not JSON: let JSON.parse say so.
      if (literal === '-0' || /[.eE]/.test(literal)) {
        out += `${text.slice(copiedTo, i)}{"${LOOSE_NUMBER_KEY}":"${literal}"}`;
        copiedTo = i + literal.length;
      }
      i += literal.length;
    } else {
      i++;
    }
  }
  return copiedTo === 0 ? text : out + text.slice(copiedTo);
}

/** The index just past the string that opens at `start` (or the end of an unterminated one). */
function endOfString(text: string, start: number): number {
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return text.length;
    // A quote after an odd number of backslashes is escaped, part of the string.
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}
