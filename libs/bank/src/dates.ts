export type DateFormat = 'dd/mm/yyyy' | 'yyyy-mm-dd' | 'mm/dd/yyyy' | 'dd-mm-yyyy' | 'dd.mm.yyyy';

/** An ISO date `yyyy-mm-dd` if `y-m-d` names a real day. */
export function isoDate(y: number, m: number, d: number): string | undefined {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Reads a portal's date; a time after the day (`15/10/2023 09:12:33`) is dropped. */
export function readDate(text: string, format: DateFormat): string | undefined {
  const s = text.trim().split(/[ T]/)[0];
  const parts = s.split(/[/.-]/).map((p) => (/^\d+$/.test(p) ? Number(p) : NaN));
  if (parts.length !== 3 || parts.some(Number.isNaN)) return undefined;
  const [a, b, c] = parts;
  switch (format) {
    case 'yyyy-mm-dd':
      return isoDate(a, b, c);
    case 'mm/dd/yyyy':
      return isoDate(c, a, b);
    default:
      return isoDate(c, b, a);
  }
}
