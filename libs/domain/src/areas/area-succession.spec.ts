import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import { AreaDirectory } from './area-directory.js';
import { AreaSuccession } from './area-succession.js';
import { parseAreaCsv } from './area-csv.js';
import { reachesOn, reachOver } from './area-reach.js';
import { homeAreaOn, homeStatusOn, type Relocation } from './home-area.js';
import { provincePicker } from './province-picker.js';
import { requireAreaOn } from './require-area.js';
import { parseSuccessionCsv } from './succession-csv.js';

const read = (name: string) => readFileSync(join(process.cwd(), 'reference-data', name), 'utf8');
const areas = AreaDirectory.fromCsv(read('areas-until-2025-06-30.csv'), read('areas-from-2025-07-01.csv'), read('province-succession-2025-07-01.csv'));
const succession = areas.succession;

// 465 Huyện Hướng Hóa lay in the old Quảng Trị (45); 450 Thành phố Đồng Hới in the old Quảng Bình (44);
// 954 Thành phố Bạc Liêu in Bạc Liêu (95); 19429 Xã Khe Sanh and 18880 Phường Đồng Hới are communes of today's Quảng Trị (44).
describe('successorOn', () => {
  it.each([
    ['45', '2025-06-30', '45'],
    ['45', '2025-07-01', '44'],
    ['44', '2025-06-30', '44'],
    ['44', '2026-01-01', '44'],
    ['465', '2025-06-30', '465'],
    ['465', '2025-07-01', '44'],
    ['465', '2026-06-15', '44'],
    ['450', '2025-09-10', '44'],
    ['95', '2025-07-01', '96'],
    ['954', '2026-03-01', '96'],
    ['96', '2025-07-01', '96'],
    ['02', '2025-07-01', '08'],
    ['19429', '2025-07-01', '19429'],
    ['19429', '2025-06-30', undefined],
    ['999', '2026-01-01', undefined],
  ])('%s on %s is carried on by %s', (code, date, expected) => {
    expect(succession.successorOn(code, date)).toBe(expected);
  });
});

describe('predecessorsOf', () => {
  it('gives the new Quảng Trị (44) the old Quảng Bình (44) and the old Quảng Trị (45) with their 18 districts', () => {
    const { provinces, districts } = succession.predecessorsOf('44');
    expect(provinces).toEqual([
      { code: '44', name: 'Tỉnh Quảng Bình', level: 'province' },
      { code: '45', name: 'Tỉnh Quảng Trị', level: 'province' },
    ]);
    expect(districts.map((d) => d.code)).toEqual(['450', '452', '453', '454', '455', '456', '457', '458', '461', '462', '464', '465', '466', '467', '468', '469', '470', '471']);
  });

  it('gives Cà Mau (96) Bạc Liêu (95) and itself, Hà Nội only itself', () => {
    expect(succession.predecessorsOf('96').provinces.map((p) => p.code)).toEqual(['95', '96']);
    expect(succession.predecessorsOf('96').districts).toHaveLength(16);
    expect(succession.predecessorsOf('01').provinces.map((p) => p.code)).toEqual(['01']);
  });

  it.each(['45', '465', '19429', '999'])('gives %s, not a current province, none', (code) => {
    expect(succession.predecessorsOf(code)).toEqual({ provinces: [], districts: [] });
  });

  it('shares out all 63 old provinces and 696 districts among the 34 current provinces, each taking over its own code', () => {
    const current = succession.currentProvinces();
    const shares = current.map((p) => succession.predecessorsOf(p.code));
    expect(current).toHaveLength(34);
    expect(shares.flatMap((s) => s.provinces)).toHaveLength(63);
    expect(shares.flatMap((s) => s.districts)).toHaveLength(696);
    expect(current.every((p, i) => shares[i].provinces.some((old) => old.code === p.code))).toBe(true);
  });
});

describe('areaValidOn', () => {
  it.each([
    ['45', '2025-06-30', { code: '45', valid: true, area: { code: '45', name: 'Tỉnh Quảng Trị', level: 'province' }, validTo: '2025-06-30' }],
    ['45', '2025-07-01', { code: '45', valid: false, area: { code: '45', name: 'Tỉnh Quảng Trị', level: 'province' }, validTo: '2025-06-30', supersededBy: '44' }],
    ['465', '2026-01-01', { code: '465', valid: false, area: { code: '465', name: 'Huyện Hướng Hóa', level: 'district', parentCode: '45' }, validTo: '2025-06-30', supersededBy: '44' }],
    ['95', '2025-12-31', { code: '95', valid: false, area: { code: '95', name: 'Tỉnh Bạc Liêu', level: 'province' }, validTo: '2025-06-30', supersededBy: '96' }],
    ['44', '2024-01-01', { code: '44', valid: true, area: { code: '44', name: 'Tỉnh Quảng Bình', level: 'province' } }],
    ['44', '2026-01-01', { code: '44', valid: true, area: { code: '44', name: 'Tỉnh Quảng Trị', level: 'province' } }],
    ['19429', '2025-06-30', { code: '19429', valid: false, area: { code: '19429', name: 'Xã Khe Sanh', level: 'commune', parentCode: '44' }, validFrom: '2025-07-01' }],
    ['19429', '2025-07-01', { code: '19429', valid: true, area: { code: '19429', name: 'Xã Khe Sanh', level: 'commune', parentCode: '44' }, validFrom: '2025-07-01' }],
    ['999', '2025-01-01', { code: '999', valid: false }],
  ])('%s on %s', (code, date, expected) => {
    expect(succession.areaValidOn(code, date)).toEqual(expected);
  });
});

describe('unknownAreaMessage and requireAreaOn', () => {
  it.each([
    ['465', '2025-09-10', 'area 465 does not exist on 2025-09-10: Huyện Hướng Hóa ceased on 2025-07-01; its successor is 44 (Tỉnh Quảng Trị), or one of its communes'],
    ['95', '2026-01-05', 'area 95 does not exist on 2026-01-05: Tỉnh Bạc Liêu ceased on 2025-07-01; its successor is 96 (Tỉnh Cà Mau), or one of its communes'],
    ['19429', '2025-03-10', 'area 19429 does not exist on 2025-03-10: Xã Khe Sanh is in force from 2025-07-01'],
    ['999', '2025-03-10', 'area 999 does not exist on 2025-03-10'],
  ])('%s on %s: %s', (code, date, message) => {
    expect(succession.unknownAreaMessage(code, date)).toBe(message);
    expect(() => requireAreaOn(succession, code, date)).toThrow(expect.objectContaining({ code: 'UNKNOWN_AREA', message }));
  });

  it('accepts a code in force on the date', () => {
    expect(requireAreaOn(succession, '465', '2025-06-30')).toBe('465');
    expect(requireAreaOn(succession, '19429', '2025-07-01')).toBe('19429');
    expect(requireAreaOn(succession, '44', '2024-05-01')).toBe('44');
  });
});

describe('homeAreaOn: an employer registered in 2024 in district 465, relocated to Xã Khe Sanh from 2025-09-01', () => {
  const relocations: Relocation[] = [{ areaCode: '19429', effectiveOn: '2025-09-01' }];

  it.each([
    ['2024-06-01', '465'],
    ['2025-03-10', '465'],
    ['2025-06-30', '465'],
    ['2025-07-01', '44'],
    ['2025-08-31', '44'],
    ['2025-09-01', '19429'],
    ['2025-09-10', '19429'],
    ['2026-03-01', '19429'],
  ])('counts on %s in %s', (date, expected) => {
    expect(homeAreaOn(succession, '465', date, relocations)).toBe(expected);
  });

  it('takes the latest relocation in force whatever the order they are given in', () => {
    const moves: Relocation[] = [
      { areaCode: '19333', effectiveOn: '2026-02-01' },
      { areaCode: '466', effectiveOn: '2024-09-01' },
      { areaCode: '19429', effectiveOn: '2025-09-01' },
    ];
    expect(['2024-08-31', '2024-09-01', '2025-07-01', '2025-09-01', '2026-02-01'].map((date) => homeAreaOn(succession, '465', date, moves))).toEqual(['465', '466', '44', '19429', '19333']);
  });

  it('lists the employer as homed in an abolished area until the relocation, with its successor', () => {
    expect(homeStatusOn(succession, '465', '2025-03-10', relocations)).toEqual({ areaCode: '465', homedIn: 'current' });
    expect(homeStatusOn(succession, '465', '2025-08-31', relocations)).toEqual({ areaCode: '465', homedIn: 'abolished', successorAreaCode: '44' });
    expect(homeStatusOn(succession, '465', '2025-09-10', relocations)).toEqual({ areaCode: '19429', homedIn: 'current' });
    expect(homeStatusOn(succession, '954', '2026-01-01')).toEqual({ areaCode: '954', homedIn: 'abolished', successorAreaCode: '96' });
  });

  it('keeps a code no table knows as recorded', () => {
    expect(homeAreaOn(succession, '999', '2026-01-01')).toBe('999');
  });
});

describe('the issue case: payments of an employer of district 465 on 2025-03-10 and 2025-09-10', () => {
  const payments = [
    { collectedOn: '2025-03-10', amount: '12500000' },
    { collectedOn: '2025-09-10', amount: '13750000' },
  ];
  const collected = (scope: string, relocations: Relocation[] = []) =>
    payments
      .filter((p) => reachesOn(areas, scope, homeAreaOn(succession, '465', p.collectedOn, relocations), p.collectedOn))
      .reduce((sum, p) => sum.plus(p.amount), new Decimal(0))
      .toFixed();

  it.each([
    ['44', '26250000'],
    ['45', '12500000'],
    ['465', '12500000'],
    ['19429', '0'],
    ['96', '0'],
    ['*', '26250000'],
  ])('counts for %s %s đồng in 2025', (scope, amount) => {
    expect(collected(scope)).toBe(amount);
  });

  it('counts the September payment in Xã Khe Sanh once the employer is relocated there from 2025-09-01', () => {
    const relocations = [{ areaCode: '19429', effectiveOn: '2025-09-01' }];
    expect([collected('44', relocations), collected('19429', relocations), collected('465', relocations)]).toEqual(['26250000', '13750000', '12500000']);
  });
});

describe('year on year for the new Quảng Trị (44), employers homed in 450 (old Quảng Bình), 465 (old Quảng Trị) and 954 (Bạc Liêu)', () => {
  const payments = [
    { home: '450', collectedOn: '2024-04-10', amount: '8000000' },
    { home: '465', collectedOn: '2024-11-10', amount: '12000000' },
    { home: '954', collectedOn: '2024-11-10', amount: '9000000' },
    { home: '450', collectedOn: '2025-04-10', amount: '8400000' },
    { home: '465', collectedOn: '2025-09-10', amount: '12600000' },
    { home: '954', collectedOn: '2025-09-10', amount: '9500000' },
    { home: '450', collectedOn: '2026-04-10', amount: '8800000' },
    { home: '465', collectedOn: '2026-09-10', amount: '13200000' },
  ];
  const yearTotal = (scope: string, year: string) =>
    payments
      .filter((p) => p.collectedOn.startsWith(year) && reachesOn(areas, scope, homeAreaOn(succession, p.home, p.collectedOn), p.collectedOn))
      .reduce((sum, p) => sum.plus(p.amount), new Decimal(0))
      .toFixed();

  it.each([
    ['44', '2024', '20000000'],
    ['44', '2025', '21000000'],
    ['44', '2026', '22000000'],
    ['45', '2024', '12000000'],
    ['45', '2025', '0'],
    ['96', '2025', '9500000'],
    ['95', '2025', '0'],
  ])('%s collected in %s: %s đồng', (scope, year, amount) => {
    expect(yearTotal(scope, year)).toBe(amount);
  });

  it('changes by 5.00 % then 4.76 %, comparing like with like rather than the merger', () => {
    const change = (from: string, to: string) => new Decimal(yearTotal('44', to)).minus(yearTotal('44', from)).div(yearTotal('44', from)).times(100).toFixed(2);
    expect([change('2024', '2025'), change('2025', '2026')]).toEqual(['5.00', '4.76']);
  });
});

describe('reachOver: what an area scope covers over a range', () => {
  const oldQuangTri = ['44', '45', '450', '452', '453', '454', '455', '456', '457', '458', '461', '462', '464', '465', '466', '467', '468', '469', '470', '471'];

  it('gives the new Quảng Trị its predecessors before 2025-07-01 and itself with its 78 communes from then', () => {
    const reach = reachOver(areas, '44', '2025-01-01', '2025-12-31');
    expect(reach.map(({ from, to }) => [from, to])).toEqual([['2025-01-01', '2025-06-30'], ['2025-07-01', '2025-12-31']]);
    expect([...reach[0].codes].sort()).toEqual(oldQuangTri);
    expect(reach[1].codes).toHaveLength(79);
    expect(reach[1].codes.slice(0, 2)).toEqual(['44', '18859']);
  });

  it('compares like with like year on year: the new Quảng Trị in 2024 is the old Quảng Bình and Quảng Trị together, in 2026 itself', () => {
    const reach2024 = reachOver(areas, '44', '2024-01-01', '2024-12-31');
    expect(reach2024.map(({ from, to, codes }) => [from, to, [...codes].sort()])).toEqual([['2024-01-01', '2024-12-31', oldQuangTri]]);
    const reach2026 = reachOver(areas, '44', '2026-01-01', '2026-12-31');
    expect(reach2026.map(({ from, to, codes }) => [from, to, codes.length])).toEqual([['2026-01-01', '2026-12-31', 79]]);
  });

  it.each([
    ['465', '2026-01-01', '2026-12-31', []],
    ['465', '2025-01-01', '2026-12-31', [['2025-01-01', '2025-06-30', ['465']]]],
    ['95', '2025-06-01', '2026-12-31', [['2025-06-01', '2025-06-30', ['95', '954', '956', '957', '958', '959', '960', '961']]]],
    ['19429', '2025-01-01', '2025-12-31', [['2025-07-01', '2025-12-31', ['19429']]]],
    ['999', '2025-01-01', '2025-12-31', []],
    ['*', '2024-01-01', '2026-12-31', [['2024-01-01', '2026-12-31', ['*']]]],
    ['44', '2026-01-01', '2025-01-01', []],
  ])('a scope of %s from %s to %s reaches %j', (scope, from, to, expected) => {
    expect(reachOver(areas, scope, from, to).map((r) => [r.from, r.to, r.codes])).toEqual(expected);
  });

  it('answers a key scoped to district 465 with nothing in 2026, whatever the fact is recorded under', () => {
    expect(['465', '44', '19429'].map((code) => reachesOn(areas, '465', code, '2026-03-01'))).toEqual([false, false, false]);
    expect(reachesOn(areas, '465', '465', '2025-06-30')).toBe(true);
  });

  it('agrees with reachesOn for every scope, fact code and day on both sides of the switch', () => {
    const codes = ['44', '45', '465', '450', '95', '954', '96', '01', '001', '19429', '18880', '999'];
    const scopes = [...codes, '*'];
    const disagreements: string[] = [];
    for (const date of ['2025-06-30', '2025-07-01']) {
      for (const scope of scopes) {
        const reached = reachOver(areas, scope, date, date).flatMap((r) => r.codes);
        for (const code of codes) {
          const fact = succession.successorOn(code, date);
          const expected = reached.includes('*') ? true : fact !== undefined && reached.includes(fact);
          if (reachesOn(areas, scope, code, date) !== expected) disagreements.push(`${scope} ${code} ${date}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });
});

describe('provincePicker', () => {
  const options = provincePicker(succession);

  it('lists the 34 current provinces, then the 63 old ones under "before 2025-07"', () => {
    expect(options).toHaveLength(97);
    expect(options.slice(0, 34).every((o) => o.group === 'current')).toBe(true);
    expect(options.slice(34).every((o) => o.group === 'before 2025-07' && o.validTo === '2025-06-30')).toBe(true);
    expect(options.filter((o) => o.sharesCodeWithCurrent)).toHaveLength(34);
  });

  it('shows 44 as today’s Quảng Trị and, before 2025-07, as Quảng Bình taken over by 44', () => {
    expect(options.filter((o) => o.code === '44' || o.code === '45' || o.code === '95')).toEqual([
      { code: '44', name: 'Tỉnh Quảng Trị', group: 'current' },
      { code: '44', name: 'Tỉnh Quảng Bình', group: 'before 2025-07', validTo: '2025-06-30', successorCode: '44', sharesCodeWithCurrent: true },
      { code: '45', name: 'Tỉnh Quảng Trị', group: 'before 2025-07', validTo: '2025-06-30', successorCode: '44', sharesCodeWithCurrent: false },
      { code: '95', name: 'Tỉnh Bạc Liêu', group: 'before 2025-07', validTo: '2025-06-30', successorCode: '96', sharesCodeWithCurrent: false },
    ]);
  });
});

describe('the succession table as reference data', () => {
  it('names each of the 63 old provinces once and 34 successors (Nghị quyết 202/2025/QH15)', () => {
    const rows = parseSuccessionCsv(read('province-succession-2025-07-01.csv'));
    expect(rows).toHaveLength(63);
    expect(new Set(rows.map((r) => r.oldCode)).size).toBe(63);
    expect(new Set(rows.map((r) => r.newCode)).size).toBe(34);
    expect(rows.filter((r) => r.newCode === '44')).toEqual([
      { oldCode: '44', oldName: 'Tỉnh Quảng Bình', newCode: '44', newName: 'Tỉnh Quảng Trị' },
      { oldCode: '45', oldName: 'Tỉnh Quảng Trị', newCode: '44', newName: 'Tỉnh Quảng Trị' },
    ]);
  });

  it('parses rows and refuses a wrong header or line', () => {
    expect(parseSuccessionCsv('oldCode,oldName,newCode,newName\r\n95,Tỉnh Bạc Liêu,96,Tỉnh Cà Mau\r\n')).toEqual([{ oldCode: '95', oldName: 'Tỉnh Bạc Liêu', newCode: '96', newName: 'Tỉnh Cà Mau' }]);
    expect(() => parseSuccessionCsv('old,new\n95,96\n')).toThrow('header');
    expect(() => parseSuccessionCsv('oldCode,oldName,newCode,newName\n95,Tỉnh Bạc Liêu,Cà Mau\n')).toThrow('line 2');
  });

  it('refuses a table that misses an old province, names one twice or leads to an abolished one', () => {
    const until = parseAreaCsv(read('areas-until-2025-06-30.csv'));
    const from = parseAreaCsv(read('areas-from-2025-07-01.csv'));
    const rows = parseSuccessionCsv(read('province-succession-2025-07-01.csv'));
    const tables = new AreaDirectory(until, from);
    expect(() => new AreaSuccession(tables, rows.filter((r) => r.oldCode !== '95'))).toThrow('lacks old provinces 95');
    expect(() => new AreaSuccession(tables, [...rows, rows[0]])).toThrow('names old province 01 twice');
    expect(() => new AreaSuccession(tables, rows.map((r) => (r.oldCode === '95' ? { ...r, newCode: '95' } : r)))).toThrow('leads 95 to 95');
  });

  it('is required before the succession is asked for, rather than answering "no successor"', () => {
    const withoutSuccession = AreaDirectory.fromCsv(read('areas-until-2025-06-30.csv'), read('areas-from-2025-07-01.csv'));
    expect(() => withoutSuccession.succession).toThrow('built without province-succession-2025-07-01.csv');
  });
});
