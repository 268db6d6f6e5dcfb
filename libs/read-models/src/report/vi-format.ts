import { Dec } from '#domain';
import type { Money } from '#domain';

/**
 * Vietnamese number formatting for reports (domain.md "Money"): `.` groups thousands, `,` marks
 * decimals. Amounts are formatted from their decimal strings, never through a JS float, so a
 * figure of 10^15 đồng keeps every digit.
 */
export function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** A decimal string such as "-1380.103" in Vietnamese style: "-1.380,103". */
function viDecimal(value: string): string {
  const negative = value.startsWith('-');
  const [whole, fraction] = (negative ? value.slice(1) : value).split('.');
  return `${negative ? '-' : ''}${groupThousands(whole)}${fraction ? `,${fraction}` : ''}`;
}

/** A count: 708832 → "708.832". */
export function formatCount(value: number): string {
  return viDecimal(String(value));
}

/**
 * A percentage always with 2 decimals and a decimal comma, as the provincial releases print them:
 * 14.3 → "14,30%", 100 → "100,00%", 0 → "0,00%", 14.295 → "14,30%". Rounded half-up in decimal
 * (a number is read from its shortest decimal form, so 14.295 stays 14.295, not 14.29499…).
 */
export function formatPercent(value: number | string): string {
  return `${viDecimal(new Dec(value).toFixed(2, Dec.ROUND_HALF_UP))}%`;
}

const BILLION = new Dec('1e9');
const MILLION = new Dec('1e6');
const THOUSAND_BILLION = new Dec('1e12');

/**
 * An amount in the unit a provincial press release would use: from 1,000 tỷ upwards in tỷ with
 * three decimals ("1.380,103 tỷ đồng"), from 1 tỷ in whole triệu ("735.169 triệu đồng"), from
 * 1 triệu in triệu with at most three decimals ("19,96 triệu đồng"), below that in đồng.
 * Rounding is half-up. The sign is kept for changes.
 */
export function formatMoney(amount: Money): string {
  const value = new Dec(amount);
  const size = value.abs();
  if (size.gte(THOUSAND_BILLION)) return `${viDecimal(value.div(BILLION).toFixed(3, Dec.ROUND_HALF_UP))} tỷ đồng`;
  if (size.gte(BILLION)) return `${viDecimal(value.div(MILLION).toFixed(0, Dec.ROUND_HALF_UP))} triệu đồng`;
  if (size.gte(MILLION)) return `${viDecimal(value.div(MILLION).toDecimalPlaces(3, Dec.ROUND_HALF_UP).toString())} triệu đồng`;
  return formatExactMoney(amount);
}

/** An amount to the đồng, as a press release states sums found owing ("848.452.815 đồng"). */
export function formatExactMoney(amount: Money): string {
  return `${viDecimal(new Dec(amount).toFixed(0))} đồng`;
}

/** A business date as Vietnamese write it: 2021-06-30 → "30/6/2021". */
export function formatDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${d}/${m}/${y}`;
}
