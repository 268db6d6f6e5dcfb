import type { IsoDate } from '../calendar.js';
import type { AreaLookup } from '../decider.js';
import { ALL_AREAS, type Area } from './area.js';
import { parseAreaCsv } from './area-csv.js';

/**
 * The day the 2025 reorganisation took effect (QĐ 19/2025/QĐ-TTg): districts were abolished and
 * communes sit directly under 34 provinces. Dates before it use the older table.
 */
export const AREA_TABLES_SWITCH_ON: IsoDate = '2025-07-01';

/**
 * The GSO area tables, versioned by date. History keeps the codes in force when an event happened,
 * so a fact of 2021 names a district and a fact of 2026 a commune; both roll up to their province.
 */
export class AreaDirectory implements AreaLookup {
  private readonly until: Map<string, Area>;
  private readonly from: Map<string, Area>;

  constructor(untilAreas: readonly Area[], fromAreas: readonly Area[]) {
    this.until = new Map(untilAreas.map((area) => [area.code, area]));
    this.from = new Map(fromAreas.map((area) => [area.code, area]));
  }

  /** Builds the directory from the texts of the two reference CSV files. */
  static fromCsv(untilText: string, fromText: string): AreaDirectory {
    return new AreaDirectory(parseAreaCsv(untilText), parseAreaCsv(fromText));
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
