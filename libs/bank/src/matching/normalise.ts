/**
 * Transfer text as people type it: with or without Vietnamese diacritics, any case, codes broken by
 * spaces or dashes. Comparisons run on this form: no diacritics (đ → d), upper case, every run of
 * characters other than letters and digits one space.
 */
export function normaliseText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

/** A code or account compared without case, spaces or punctuation. */
export function compact(text: string): string {
  return normaliseText(text).replace(/ /g, '');
}
