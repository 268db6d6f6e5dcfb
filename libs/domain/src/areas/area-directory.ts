import type { IsoDate } from '../calendar.js';
import type { AreaLookup } from '../decider.js';
import { ALL_AREAS, type Area } from './area.js';
import { AREA_REFERENCE_FILES, parseAreaCsv } from './area-csv.js';
import { AreaSuccession } from './area-succession.js';
import { AREA_TABLES_SWITCH_ON } from './reorganisation.js';
import { parseSuccessionCsv, type ProvinceSuccession } from './succession-csv.js';

export { AREA_TABLES_SWITCH_ON } from './reorganisation.js';

/**
 * The GSO area tables, versioned by date. History keeps the codes in force when an event happened,
 * so a fact of 2021 names a district and a fact of 2026 a commune; both roll up to their province.
 */
export class AreaDirectory implements AreaLookup {
  private readonly until: Map<string, Area>;
  private readonly from: Map<string, Area>;
  private readonly successionTable?: AreaSuccession;

  constructor(untilAreas: readonly Area[], fromAreas: readonly Area[], succession?: readonly ProvinceSuccession[]) {
    this.until = new Map(untilAreas.map((area) => [area.code, area]));
    this.from = new Map(fromAreas.map((area) => [area.code, area]));
    if (succession) this.successionTable = new AreaSuccession(this, succession);
  }

  /** Builds the directory from the texts of the reference CSV files (the succession table is the third). */
  static fromCsv(untilText: string, fromText: string, successionText?: string): AreaDirectory {
    return new AreaDirectory(parseAreaCsv(untilText), parseAreaCsv(fromText), successionText === undefined ? undefined : parseSuccessionCsv(successionText));
  }

  /**
   * Which current area carries on each old one. Built only when the directory was given the
   * succession table: answering "no successor" for want of the file would silently put every
   * pre-2025 employer nowhere, so asking without it is a programming error.
   */
  get succession(): AreaSuccession {
    if (!this.successionTable) throw new Error(`this area directory was built without ${AREA_REFERENCE_FILES.succession}`);
    return this.successionTable;
  }

  /** The area with this code in the table in force on `onDate`. */
  find(code: string, onDate: IsoDate): Area | undefined {
    return this.tableOn(onDate).get(code);
  }

  /**
   * The area under either table, to name it: the current table first, since a code that survived
   * the reorganisation goes by its current name, then the older one for codes that did not.
   */
  findAny(code: string): Area | undefined {
    return this.from.get(code) ?? this.until.get(code);
  }

  /** The province code of a district or commune; a province is its own province; undefined if unknown. */
  provinceOf(code: string): string | undefined {
    const area = this.findAny(code);
    if (!area) return undefined;
    return area.level === 'province' ? area.code : area.parentCode;
  }

  /** True when `code` is `ancestorCode` or lies in that province; `*` contains every area. */
  isWithin(code: string, ancestorCode: string): boolean {
    if (ancestorCode === ALL_AREAS || code === ancestorCode) return true;
    return this.provinceOf(code) === ancestorCode;
  }

  /** The districts (before 2025-07-01) or communes (from then) of a province on a date. */
  childrenOf(provinceCode: string, onDate: IsoDate): Area[] {
    return [...this.tableOn(onDate).values()].filter((area) => area.parentCode === provinceCode);
  }

  /** Every area of the table in force on a date. */
  allOn(onDate: IsoDate): Area[] {
    return [...this.tableOn(onDate).values()];
  }

  private tableOn(onDate: IsoDate): Map<string, Area> {
    return onDate < AREA_TABLES_SWITCH_ON ? this.until : this.from;
  }
}
