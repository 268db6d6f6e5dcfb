import type { SeededRandom } from './random.js';

/** A unit code as people type it in a transfer: as registered, lower case, broken by a space or a dash. */
export function writeCode(random: SeededRandom, code: string): string {
  const split = code.replace(/^([A-Z]+)(\d)/, '$1 $2');
  return random.pick([code, code, code, code.toLowerCase(), split, split.toLowerCase(), code.replace(/^([A-Z]+)(\d)/, '$1-$2')]);
}

/** A contribution month as people name it, sometimes not at all. */
export function writePeriod(random: SeededRandom, period: string, accented: boolean): string {
  const [y, m] = period.split('-');
  const month = String(Number(m));
  return random.pick([
    `T${month}/${y}`,
    `T${m}/${y}`,
    accented ? `tháng ${month}/${y}` : `thang ${month}/${y}`,
    accented ? `tháng ${month} năm ${y}` : `THANG ${month} NAM ${y}`,
    `${m}/${y}`,
    '',
  ]);
}

/** The transfer text of an employer's contribution, in one of the shapes banks' customers use. */
export function contributionText(random: SeededRandom, code: string, period: string, name: string): string {
  const accented = random.chance(400);
  const when = writePeriod(random, period, accented);
  const shortName = stripAccents(name, !accented).toUpperCase();
  const shapes = accented
    ? [
        `${code} nộp BHXH ${when}`,
        `BHXH ${when} ${code}`,
        `Mã ĐV ${code} nộp tiền BHXH, BHYT, BHTN ${when}`,
        `${name} nộp bảo hiểm xã hội ${when} mã đơn vị ${code}`,
      ]
    : [
        `${code} nop BHXH ${when}`,
        `BHXH ${when} ${code}`,
        `MDV:${code} nop tien BHXH BHYT BHTN ${when}`,
        `${shortName} CHUYEN TIEN DONG BHXH ${when} MA DV ${code}`,
        `IBFT ${shortName} NOP BHXH ${code} ${when}`,
      ];
  return random.pick(shapes).replace(/\s+/g, ' ').trim();
}

/** A typo that makes the code unreadable but not another payer's: O for zero, a dropped or doubled digit. */
export function mistype(random: SeededRandom, code: string): string {
  const digits = [...code].map((c, i) => (/\d/.test(c) ? i : -1)).filter((i) => i >= 0);
  const at = random.pick(digits);
  switch (random.int(0, 2)) {
    case 0:
      return code.includes('0') ? code.replace('0', 'O') : code.slice(0, at) + code.slice(at + 1);
    case 1:
      return code.slice(0, at) + code.slice(at + 1);
    default:
      return code.slice(0, at) + code[at] + code.slice(at);
  }
}

export function stripAccents(text: string, strip = true): string {
  if (!strip) return text;
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}
