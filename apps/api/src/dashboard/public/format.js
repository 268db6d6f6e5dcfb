// Number formatting for the dashboard (domain.md "Money"). Amounts arrive as decimal strings of
// whole đồng and are formatted from those strings (BigInt for rounding), never through a float,
// so a figure of 10^18 đồng keeps every digit. Counts and percentages are plain numbers.

const SEPARATORS = {
  vi: { group: '.', decimal: ',' },
  en: { group: ',', decimal: '.' },
};

/** "1380103000000" → "1.380.103.000.000" (vi) or "1,380,103,000,000" (en). */
export function groupDigits(amount, lang = 'vi') {
  const text = String(amount);
  const negative = text.startsWith('-');
  const digits = negative ? text.slice(1) : text;
  if (!/^\d+$/.test(digits)) return text;
  const grouped = digits.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, SEPARATORS[lang].group);
  return (negative ? '-' : '') + grouped;
}

/** An amount in full: "848.452.815 đ" / "848,452,815 VND". */
export function formatDong(amount, lang = 'vi') {
  return `${groupDigits(amount, lang)} ${lang === 'vi' ? 'đ' : 'VND'}`;
}

/** `value / 10^exponent` rounded half-up (away from zero) to a whole number, on BigInt. */
function roundedShift(value, exponent) {
  const divisor = 10n ** BigInt(exponent);
  const size = value < 0n ? -value : value;
  const whole = (size + divisor / 2n) / divisor;
  return value < 0n ? -whole : whole;
}

/** A whole number of thousandths as a decimal without trailing zeros: 19960 → "19,96". */
function withThousandths(thousandths, lang) {
  const text = thousandths.toString();
  const negative = text.startsWith('-');
  const digits = (negative ? text.slice(1) : text).padStart(4, '0');
  const fraction = digits.slice(-3).replace(/0+$/, '');
  return `${negative ? '-' : ''}${groupDigits(digits.slice(0, -3), lang)}${fraction ? SEPARATORS[lang].decimal + fraction : ''}`;
}

/**
 * An amount in the unit a press release would use, as the server's text report does: from 1,000 tỷ
 * upwards in tỷ with three decimals ("1.380,103 tỷ đồng"), from 1 tỷ in whole triệu
 * ("735.169 triệu đồng"), from 1 triệu in triệu with at most three decimals ("19,96 triệu đồng"),
 * below that in đồng ("848.452 đồng"). Rounding is half-up.
 */
export function formatMoneyShort(amount, lang = 'vi') {
  if (!/^-?\d+$/.test(String(amount))) return String(amount);
  const value = BigInt(amount);
  const size = value < 0n ? -value : value;
  const units = lang === 'vi' ? { billion: 'tỷ đồng', million: 'triệu đồng', dong: 'đồng' } : { billion: 'billion VND', million: 'million VND', dong: 'VND' };
  if (size >= 10n ** 12n) {
    const thousandths = roundedShift(value, 6).toString();
    const negative = thousandths.startsWith('-');
    const digits = (negative ? thousandths.slice(1) : thousandths).padStart(4, '0');
    const whole = groupDigits(digits.slice(0, -3), lang);
    return `${negative ? '-' : ''}${whole}${SEPARATORS[lang].decimal}${digits.slice(-3)} ${units.billion}`;
  }
  if (size >= 10n ** 9n) return `${groupDigits(roundedShift(value, 6).toString(), lang)} ${units.million}`;
  if (size >= 10n ** 6n) return `${withThousandths(roundedShift(value, 3), lang)} ${units.million}`;
  return `${groupDigits(value.toString(), lang)} ${units.dong}`;
}

/** A count (participants, employers, payments): 708832 → "708.832". */
export function formatCount(value, lang = 'vi') {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
  return groupDigits(String(Math.trunc(value)), lang);
}

/**
 * A percentage the API already rounded half-up to 2 decimals: 16.44 → "16,44%"; null (no target
 * or no labour force) → "—". The number's shortest decimal form is exact for such values.
 */
export function formatPercent(value, lang = 'vi') {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
  const [whole, fraction] = String(value).split('.');
  return `${groupDigits(whole, lang)}${fraction ? SEPARATORS[lang].decimal + fraction : ''}%`;
}

/** A business date: 2024-12-31 → "31/12/2024" (vi) or "2024-12-31" (en). */
export function formatDate(date, lang = 'vi') {
  if (!/^\d{4}-\d{2}-\d{2}/.test(String(date))) return String(date ?? '—');
  if (lang !== 'vi') return date.slice(0, 10);
  const [y, m, d] = date.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** A month: 2024-03 → "03/2024" (vi) or "2024-03" (en). */
export function formatMonth(month, lang = 'vi') {
  if (!/^\d{4}-\d{2}$/.test(String(month))) return String(month ?? '—');
  return lang === 'vi' ? `${month.slice(5)}/${month.slice(0, 4)}` : month;
}

/** An instant in the viewer's clock, for the trace: "31/12/2024 09:15:02". */
export function formatInstant(instant, lang = 'vi') {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return String(instant);
  return date.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { hour12: false });
}

/**
 * Millions of đồng as a number, for chart geometry only (bar heights and axes); every figure the
 * reader sees is formatted from the string.
 */
export function millionsForChart(amount) {
  if (!/^-?\d+$/.test(String(amount))) return 0;
  return Number(BigInt(amount) / 1000n) / 1000;
}

/** Orders decimal strings of whole đồng without parsing them into floats. */
export function compareMoney(a, b) {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The change from `before` to `now` (whole đồng strings) as a signed percentage with one decimal,
 * rounded half away from zero: ("110", "100") → "+10,0%". Undefined when `before` is zero.
 */
export function percentChange(now, before, lang = 'vi') {
  const base = BigInt(before);
  if (base === 0n) return undefined;
  const scaled = (BigInt(now) - base) * 2000n / base;
  const tenths = (scaled + (scaled < 0n ? -1n : 1n)) / 2n;
  const size = tenths < 0n ? -tenths : tenths;
  const sign = tenths < 0n ? '-' : tenths > 0n ? '+' : '';
  return `${sign}${groupDigits((size / 10n).toString(), lang)}${SEPARATORS[lang].decimal}${size % 10n}%`;
}
