import { Decimal } from 'decimal.js';

/** Our own constructor so that no other library's Decimal settings reach a bank amount. */
export const BankDec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });

export interface NumberFormat {
  decimal: '.' | ',';
  /** Grouping character(s) to drop; Vietnamese portals write `1.234.000`, others `1,234,000` or `1 234 000`. */
  thousands: string;
}

/**
 * Reads an amount written for people (`1.234.000`, `1,234,000.00`, `-500 000`) into whole đồng.
 * Returns the reason instead of an amount when it is not one: the đồng has no minor unit, so a
 * fractional part other than zeros is refused rather than rounded away.
 */
export function readAmount(text: string, format: NumberFormat): { value: string } | { problem: string } {
  let s = text.trim().replace(/\s*(VND|VNĐ|đ|₫)$/iu, '');
  // Grouping must be in threes: "32635000.00" read with `.` as the thousands mark would otherwise
  // become a hundred times the amount, silently.
  const marks = [...format.thousands].filter((ch) => s.includes(ch));
  if (marks.length) {
    const t = marks.map((ch) => `\\${ch}`).join('|');
    const d = `\\${format.decimal}`;
    if (!new RegExp(`^[+-]?\\d{1,3}((${t})\\d{3})+(${d}\\d+)?$`).test(s)) return { problem: `"${text}" is not grouped in thousands with ${marks.map((m) => `"${m}"`).join(' or ')}` };
  }
  for (const ch of format.thousands) s = s.split(ch).join('');
  s = s.replace(/[\s\u00a0]/g, '');
  if (format.decimal === ',') s = s.replace(',', '.');
  if (!/^[+-]?\d+(\.\d+)?$/.test(s)) return { problem: `"${text}" is not an amount` };
  return wholeDong(new BankDec(s), text);
}

/** An amount written the machine way (camt.053 `1234000.00`, MT940 `1234000,`). */
export function readMachineAmount(text: string, decimal: '.' | ','): { value: string } | { problem: string } {
  const s = text.trim();
  const pattern = decimal === '.' ? /^\d+(\.\d*)?$/ : /^\d+(,\d*)?$/;
  if (!pattern.test(s)) return { problem: `"${text}" is not an amount` };
  return wholeDong(new BankDec(s.replace(',', '.').replace(/\.$/, '')), text);
}

function wholeDong(value: InstanceType<typeof BankDec>, text: string): { value: string } | { problem: string } {
  if (!value.isInteger()) return { problem: `${text.trim()} is not a whole number of đồng (VND has no minor unit)` };
  return { value: value.toFixed(0) };
}
