import { AREA_TABLES_SWITCH_ON, OLD_AREAS_END_ON } from '#domain';
import type { SqlRunner } from '../database/read-model-db.js';
import type { ReadModelAreas } from '../ports.js';

/**
 * The codes of the provinces abolished on 2025-07-01 and of their districts, each with its old
 * province: what an old province's scope selects (area-scope.ts), kept in the store so that the
 * summaries that count persons can key a fact under its old province too (`o:<province>`,
 * derived-summary.ts) and answer that province's history without reading the facts. Reference data,
 * not a read model: a rebuild does not empty it.
 */
export const OLD_AREAS_SQL = `CREATE TABLE IF NOT EXISTS old_areas (area_code TEXT PRIMARY KEY, old_province TEXT NOT NULL)`;

export interface OldArea { areaCode: string; oldProvince: string }

/** Province codes are two digits (area-scope.ts reads a code's level the same way when no table knows it). */
const PROVINCE_CODES = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));

/** The old provinces' codes and districts, by area code. */
export function oldAreasOf(areas: ReadModelAreas): OldArea[] {
  const rows: OldArea[] = [];
  for (const province of PROVINCE_CODES) {
    if (areas.findAny(province)?.level !== 'province') continue;
    if (areas.succession.areaValidOn(province, AREA_TABLES_SWITCH_ON).valid) continue;
    rows.push({ areaCode: province, oldProvince: province });
    for (const district of areas.childrenOf(province, OLD_AREAS_END_ON)) rows.push({ areaCode: district.code, oldProvince: province });
  }
  return rows.sort((a, b) => (a.areaCode < b.areaCode ? -1 : a.areaCode > b.areaCode ? 1 : 0));
}

/**
 * Makes the store's `old_areas` what the area tables say, in the caller's transaction, writing only
 * when they differ (a new store; the first start of a version that reads them). The summaries keyed
 * from them before are not recomputed here: a change of the area tables asks for `socai rebuild`, as
 * the facts' `province` column does.
 */
export async function syncOldAreas(tx: SqlRunner, wanted: readonly OldArea[]): Promise<void> {
  const stored = await tx.query<{ areaCode: string; oldProvince: string }>(
    'SELECT area_code AS "areaCode", old_province AS "oldProvince" FROM old_areas ORDER BY area_code',
  );
  if (stored.length === wanted.length && stored.every((row, i) => row.areaCode === wanted[i]!.areaCode && row.oldProvince === wanted[i]!.oldProvince)) return;
  await tx.execute('DELETE FROM old_areas');
  await tx.executeAll(wanted.map((row) => ({ sql: 'INSERT INTO old_areas (area_code, old_province) VALUES (?, ?)', params: [row.areaCode, row.oldProvince] })));
}
