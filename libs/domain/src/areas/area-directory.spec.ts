import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AreaDirectory } from './area-directory.js';
import { parseAreaCsv } from './area-csv.js';

const referenceData = join(process.cwd(), 'reference-data');
const read = (name: string) => readFileSync(join(referenceData, name), 'utf8');
const areas = AreaDirectory.fromCsv(read('areas-until-2025-06-30.csv'), read('areas-from-2025-07-01.csv'));

describe('AreaDirectory on the shipped reference data', () => {
  it('holds 63 provinces and 696 districts until 2025-06-30, and 34 provinces and 3,321 communes from 2025-07-01', () => {
    const before = areas.allOn('2025-06-30');
    const after = areas.allOn('2025-07-01');
    expect(before.filter((a) => a.level === 'province')).toHaveLength(63);
    expect(before.filter((a) => a.level === 'district')).toHaveLength(696);
    expect(after.filter((a) => a.level === 'province')).toHaveLength(34);
    expect(after.filter((a) => a.level === 'commune')).toHaveLength(3321);
  });

  it('finds a district only while districts exist', () => {
    expect(areas.find('954', '2021-06-01')).toEqual({ code: '954', name: 'Thành phố Bạc Liêu', level: 'district', parentCode: '95' });
    expect(areas.find('954', '2025-07-01')).toBeUndefined();
    expect(areas.find('95', '2025-06-30')?.level).toBe('province');
  });

  it('names a code from either table and places it in its province', () => {
    expect(areas.findAny('954')?.name).toBe('Thành phố Bạc Liêu');
    expect(areas.provinceOf('954')).toBe('95');
    expect(areas.provinceOf('95')).toBe('95');
    expect(areas.provinceOf('00004')).toBe('01');
    expect(areas.provinceOf('999')).toBeUndefined();
  });

  it('knows what lies within what', () => {
    expect(areas.isWithin('954', '95')).toBe(true);
    expect(areas.isWithin('954', '954')).toBe(true);
    expect(areas.isWithin('954', '*')).toBe(true);
    expect(areas.isWithin('954', '45')).toBe(false);
    expect(areas.isWithin('95', '954')).toBe(false);
  });

  it('lists the districts of Quảng Trị before the reorganisation', () => {
    expect(areas.childrenOf('45', '2021-01-01').map((a) => a.code).sort()).toEqual(['461', '462', '464', '465', '466', '467', '468', '469', '470', '471']);
  });
});

describe('parseAreaCsv', () => {
  it('reads quoted names holding commas and refuses a wrong header', () => {
    expect(parseAreaCsv('code,name,level,parentCode\r\n01,"Hà Nội, Thủ đô",province,\r\n')).toEqual([{ code: '01', name: 'Hà Nội, Thủ đô', level: 'province' }]);
    expect(() => parseAreaCsv('id,name\n1,x\n')).toThrow('header');
    expect(() => parseAreaCsv('code,name,level,parentCode\n01,X,city,\n')).toThrow('line 2');
  });
});
