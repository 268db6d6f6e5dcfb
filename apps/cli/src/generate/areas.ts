import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The provinces and districts the generator places its employers, persons and facilities in, read
 * once from the reference data in force until 2025-06-30 (GSO codes; source and licence in
 * reference-data/README.md). Every generated business date is before 2025-07-01, when districts
 * were abolished, so every code written is one the ledger knows on that date.
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

const FILE = 'areas-until-2025-06-30.csv';

/** Looks for reference-data/ in the project, walking up from this module (src or dist alike). */
function findReferenceFile(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'reference-data', FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  // A development checkout may only have the shared copy next to the project.
  const shared = join('/work/shared/data', FILE);
  if (existsSync(shared)) return shared;
  throw new Error(`socai generate: cannot find reference-data/${FILE}`);
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
