import type { IsoDate } from '../calendar.js';
import type { Area } from './area.js';
import { AREA_TABLES_SWITCH_ON, OLD_AREAS_END_ON } from './reorganisation.js';
import type { ProvinceSuccession } from './succession-csv.js';

/** What the succession needs from the two dated area tables (AreaDirectory offers it; named here so the two files import one way). */
export interface AreaTables {
  find(code: string, onDate: IsoDate): Area | undefined;
  childrenOf(provinceCode: string, onDate: IsoDate): Area[];
  allOn(onDate: IsoDate): Area[];
}

/** The old provinces a current province took over, and their districts, as they stood before 2025-07-01. */
export interface Predecessors {
  provinces: Area[];
  districts: Area[];
}

/**
 * Whether a code is in force on a date, and its window. `validFrom` is absent for a code in force
 * since before the ledger's tables, `validTo` for a code still in force. `supersededBy` is given only
 * when the date is past the code's end, as area answers do for days after it (contract, second round).
 */
export interface AreaValidity {
  code: string;
  valid: boolean;
  /** The area as named on the date, or as last named when the date lies outside its window. */
  area?: Area;
  validFrom?: IsoDate;
  validTo?: IsoDate;
  supersededBy?: string;
}

/**
 * The 2025 reorganisation as dated data: which current province carries on each old province and
 * district (Nghị quyết 202/2025/QH15; districts follow their province). A code that survived (the 34
 * current provinces all kept the code of one of the provinces they merged) is in force on both sides
 * of 2025-07-01; before that day it names the old province alone, from then the merged one.
 */
export class AreaSuccession {
  private readonly successorOf = new Map<string, string>();

  constructor(
    private readonly tables: AreaTables,
    rows: readonly ProvinceSuccession[],
  ) {
    for (const row of rows) {
      if (this.successorOf.has(row.oldCode)) throw new Error(`succession table names old province ${row.oldCode} twice`);
      this.successorOf.set(row.oldCode, row.newCode);
    }
    this.checkCoverage();
  }

  /**
   * The area in force on `date` that carries `code` on: the code itself while it is in force; from
   * 2025-07-01 an abolished province's successor, and a district's province's successor (districts were
   * abolished). Undefined for a code no table knows, and for a current commune before 2025-07-01.
   */
  successorOn(code: string, date: IsoDate): string | undefined {
    if (this.tables.find(code, date)) return code;
    if (date < AREA_TABLES_SWITCH_ON) return undefined;
    const old = this.tables.find(code, OLD_AREAS_END_ON);
    if (!old) return undefined;
    return this.successorOf.get(old.level === 'province' ? old.code : (old.parentCode ?? ''));
  }

  /**
   * The old provinces (with their districts) that `currentProvince` took over, the province of the
   * same code included: the days before 2025-07-01 of a current province are theirs. Empty for a code
   * that is not a current province.
   */
  predecessorsOf(currentProvince: string): Predecessors {
    if (this.tables.find(currentProvince, AREA_TABLES_SWITCH_ON)?.level !== 'province') return { provinces: [], districts: [] };
    const provinces = [...this.successorOf]
      .filter(([, successor]) => successor === currentProvince)
      .map(([old]) => this.tables.find(old, OLD_AREAS_END_ON))
      .filter((area): area is Area => area !== undefined)
      .sort(byCode);
    const districts = provinces.flatMap((province) => this.tables.childrenOf(province.code, OLD_AREAS_END_ON)).sort(byCode);
    return { provinces, districts };
  }

  /** The validity window of `code` and whether `date` lies in it; see AreaValidity. */
  areaValidOn(code: string, date: IsoDate): AreaValidity {
    const old = this.tables.find(code, OLD_AREAS_END_ON);
    const current = this.tables.find(code, AREA_TABLES_SWITCH_ON);
    const area = this.tables.find(code, date) ?? current ?? old;
    if (!area) return { code, valid: false };
    if (old && current) return { code, valid: true, area };
    if (current) return { code, valid: date >= AREA_TABLES_SWITCH_ON, area, validFrom: AREA_TABLES_SWITCH_ON };
    if (date <= OLD_AREAS_END_ON) return { code, valid: true, area, validTo: OLD_AREAS_END_ON };
    return { code, valid: false, area, validTo: OLD_AREAS_END_ON, supersededBy: this.successorOn(code, date) };
  }

  /**
   * The 422 UNKNOWN_AREA message for a code not in force on `date`: past its end it names the
   * successor, so that a clerk holding an old code knows what to type instead.
   */
  unknownAreaMessage(code: string, date: IsoDate): string {
    const validity = this.areaValidOn(code, date);
    const missing = `area ${code} does not exist on ${date}`;
    if (validity.supersededBy) {
      const successor = this.tables.find(validity.supersededBy, date);
      return `${missing}: ${validity.area?.name} ceased on ${AREA_TABLES_SWITCH_ON}; its successor is ${validity.supersededBy} (${successor?.name}), or one of its communes`;
    }
    if (validity.validFrom && date < validity.validFrom) return `${missing}: ${validity.area?.name} is in force from ${validity.validFrom}`;
    return missing;
  }

  /** The 34 current provinces, by code. */
  currentProvinces(): Area[] {
    return this.tables.allOn(AREA_TABLES_SWITCH_ON).filter((area) => area.level === 'province').sort(byCode);
  }

  /** The 63 provinces as they stood before 2025-07-01, by code, each with its successor. */
  oldProvinces(): Array<Area & { successorCode: string }> {
    return this.tables
      .allOn(OLD_AREAS_END_ON)
      .filter((area) => area.level === 'province')
      .sort(byCode)
      .map((area) => ({ ...area, successorCode: this.successorOf.get(area.code) as string }));
  }

  /** The table must name every old province once and lead only to current provinces; else it is not this reorganisation. */
  private checkCoverage(): void {
    const oldProvinces = this.tables.allOn(OLD_AREAS_END_ON).filter((area) => area.level === 'province');
    const missing = oldProvinces.filter((area) => !this.successorOf.has(area.code)).map((area) => area.code);
    if (missing.length > 0) throw new Error(`succession table lacks old provinces ${missing.join(', ')}`);
    for (const [old, successor] of this.successorOf) {
      if (this.tables.find(old, OLD_AREAS_END_ON)?.level !== 'province') throw new Error(`succession table names ${old}, not an old province`);
      if (this.tables.find(successor, AREA_TABLES_SWITCH_ON)?.level !== 'province') throw new Error(`succession table leads ${old} to ${successor}, not a current province`);
    }
  }
}

function byCode(a: Area, b: Area): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}
