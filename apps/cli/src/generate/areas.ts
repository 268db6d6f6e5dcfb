import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AREA_REFERENCE_FILES, AreaDirectory, type IsoDate } from '#domain';

/**
 * The provinces and districts the generator places its employers, persons and facilities in, read
 * once from the reference data in force until 2025-06-30 (GSO codes; source and licence in
 * reference-data/README.md). A fact dated from 2025-07-01, when districts were abolished, is written
 * in today's map instead (`areaOn`), so every code written is one the ledger knows on that date.
 */
export interface GeneratorDistrict {
  code: string;
  name: string;
  provinceCode: string;
  /** How much activity the district draws, relative to its neighbours (a city draws more). */
  weight: number;
}

export interface GeneratorProvince {
  code: string;
  name: string;
  districts: GeneratorDistrict[];
}

const FILE = AREA_REFERENCE_FILES.until;

/** Looks for reference-data/ in the project, walking up from this module (src or dist alike). */
function findReferenceFile(file: string = FILE): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'reference-data', file);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  // A development checkout may only have the shared copy next to the project.
  const shared = join('/work/shared/data', file);
  if (existsSync(shared)) return shared;
  throw new Error(`socai generate: cannot find reference-data/${file}`);
}

/**
 * Island districts with hardly anyone living there draw almost nothing; Hoàng Sa has no resident
 * population at all, so nothing is placed there.
 */
const SPARSE = ['Cồn Cỏ', 'Bạch Long Vĩ', 'Trường Sa', 'Cô Tô', 'Côn Đảo', 'Lý Sơn'];
const UNINHABITED = ['Hoàng Sa'];

function weightOf(name: string): number {
  if (SPARSE.some((word) => name.includes(word))) return 1;
  if (name.startsWith('Thành phố') || name.startsWith('Quận')) return 60;
  if (name.startsWith('Thị xã')) return 30;
  return 20;
}

function parse(csv: string): Map<string, GeneratorProvince> {
  const provinces = new Map<string, GeneratorProvince>();
  const rows = csv.split(/\r?\n/).slice(1).filter((line) => line.trim() !== '');
  for (const row of rows) {
    const [code, name, level] = row.split(',');
    if (level === 'province') provinces.set(code, { code, name, districts: [] });
  }
  for (const row of rows) {
    const [code, name, level, parentCode] = row.split(',');
    if (level !== 'district' || UNINHABITED.some((word) => name.includes(word))) continue;
    provinces.get(parentCode)?.districts.push({ code, name, provinceCode: parentCode, weight: weightOf(name) });
  }
  return provinces;
}

const PROVINCES = parse(readFileSync(findReferenceFile(), 'utf8'));

export function provinceOf(code: string): GeneratorProvince {
  const province = PROVINCES.get(code);
  if (!province || province.districts.length === 0) throw new RangeError(`socai generate: no province ${code} in the reference data`);
  return province;
}

/** The first day of today's map: 34 provinces, communes directly under them, no districts. */
export const REORGANISED_ON: IsoDate = '2025-07-01';

/** Both dated tables and the succession, read only by a run that reaches 2025-07-01. */
let directory: AreaDirectory | undefined;
function areas(): AreaDirectory {
  const read = (file: string) => readFileSync(findReferenceFile(file), 'utf8');
  directory ??= AreaDirectory.fromCsv(read(AREA_REFERENCE_FILES.until), read(AREA_REFERENCE_FILES.from), read(AREA_REFERENCE_FILES.succession));
  return directory;
}

/** A place name without its kind and tone marks, so that "Huyện Minh Hóa" meets "Xã Minh Hoá". */
function bareName(name: string): string {
  return name
    .replace(/^(Thành phố|Thị xã|Thị trấn|Huyện|Quận|Phường|Xã|Đặc khu) /, '')
    .toLowerCase()
    .replace(/đ/g, 'd')
    .normalize('NFD')
    .replace(/[\u0300-\u036f\s]/g, '');
}

/**
 * Which current commune took over an old district is not in our data (reference-data/README.md), so
 * the generator chooses one: the commune of the successor province that bears the district's name
 * (610 of the 696 districts have one, Đồng Hới, Vĩnh Linh, Cam Lộ…), the district town for the demo's
 * one exception (Hướng Hóa → Khe Sanh), else the successor province's first commune by code.
 */
const DISTRICT_TOWNS: Record<string, string> = { '465': '19429' };
const communeOfDistrict = new Map<string, string>();

function communeAfter(districtCode: string): string {
  const known = communeOfDistrict.get(districtCode);
  if (known) return known;
  const district = areas().find(districtCode, '2025-06-30');
  const province = areas().succession.successorOn(districtCode, REORGANISED_ON);
  if (!district || !province) throw new RangeError(`socai generate: no successor for district ${districtCode}`);
  const communes = areas().childrenOf(province, REORGANISED_ON).sort((a, b) => (a.code < b.code ? -1 : 1));
  const chosen = DISTRICT_TOWNS[districtCode] ?? communes.find((commune) => bareName(commune.name) === bareName(district.name))?.code ?? communes[0].code;
  communeOfDistrict.set(districtCode, chosen);
  return chosen;
}

/**
 * The area a fact of someone placed in `districtCode` names on `date`: the district before
 * 2025-07-01, its commune in today's map from then (a command naming an abolished code after its end
 * is refused with UNKNOWN_AREA). Runs that end by June 2025 never read the newer tables.
 */
export function areaOn(districtCode: string, date: IsoDate): string {
  return date < REORGANISED_ON ? districtCode : communeAfter(districtCode);
}

/** The province a card or plan names on `date`: the old province before 2025-07-01, its successor from then. */
export function provinceOn(provinceCode: string, date: IsoDate): string {
  if (date < REORGANISED_ON) return provinceCode;
  const successor = areas().succession.successorOn(provinceCode, date);
  if (!successor) throw new RangeError(`socai generate: no successor for province ${provinceCode}`);
  return successor;
}
