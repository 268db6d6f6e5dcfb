/** A province with its districts, as the dashboard's area picker lists them. */
export interface ProvinceEntry {
  code: string;
  name: string;
  districts: { code: string; name: string }[];
}

/**
 * Provinces and their districts from the GSO table in force until 2025-06-30
 * (`code,name,level,parentCode`, reference-data/README.md). The picker needs nothing else, so the
 * API gains no route for it; the table is public reference data, not ledger data.
 */
export function provinceTree(csv: string): ProvinceEntry[] {
  const provinces = new Map<string, ProvinceEntry>();
  const districts: { code: string; name: string; parentCode: string }[] = [];
  for (const line of csv.split(/\r?\n/).slice(1)) {
    if (line.trim() === '') continue;
    const [code, name, level, parentCode] = line.split(',');
    if (level === 'province') provinces.set(code, { code, name, districts: [] });
    else if (level === 'district') districts.push({ code, name, parentCode });
  }
  for (const { code, name, parentCode } of districts) provinces.get(parentCode)?.districts.push({ code, name });
  return [...provinces.values()];
}
