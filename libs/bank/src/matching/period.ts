/** Upper case without diacritics, keeping the separators that periods are written with. */
function plain(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toUpperCase();
}

// "T10/2023", "T10 23", "THANG 10/2023", "THANG 10 NAM 2023": a T or THANG before the month makes it a period.
const NAMED = /\b(?:T|THANG) ?(1[0-2]|0?[1-9]) ?(?:[/.-]|NAM)? ?(20[0-9]{2}|[0-9]{2})\b/g;
// "10/2023", "10-2023": a bare month needs a separator and a four-digit year, and no day before it,
// so that the date "15/10/2023" is not read as the period 2023-10.
const BARE = /(?<![0-9] ?[/.-] ?)(?<![0-9])(1[0-2]|0?[1-9]) ?[/-] ?(20[0-9]{2})\b/g;

/** The contribution months a transfer text names, as `YYYY-MM`, in the order written, without repeats. */
export function periodsIn(text: string): string[] {
  const s = plain(text);
  const hits: { at: number; period: string }[] = [];
  for (const pattern of [NAMED, BARE]) {
    for (const m of s.matchAll(pattern)) {
      const year = m[2].length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
      hits.push({ at: m.index ?? 0, period: `${year}-${String(Number(m[1])).padStart(2, '0')}` });
    }
  }
  return [...new Set(hits.sort((a, b) => a.at - b.at).map((h) => h.period))];
}
