import { AreaDirectory, OLD_AREAS_END_ON, provincePicker, type ProvinceOption } from '#domain';

/** Where the picker's first day of today's map falls; the page compares the chosen month with it. */
export const COMMUNES_FROM_MONTH = '2025-07';

/** One province of the dashboard's picker, with what its drill-down lists before and after 2025-07-01. */
export interface ProvinceEntry extends ProvinceOption {
  /**
   * The option's value: the code, except for an old province whose code a current one kept (44
   * Quảng Bình before 2025-07), which is `44-before` so that the two entries stay distinct.
   */
  key: string;
  /** Before 2025-07-01: the old province's own districts; for a current province, its predecessors' districts. */
  districts: { code: string; name: string }[];
  /** From 2025-07-01 (current provinces only): its communes. */
  communes: { code: string; name: string }[];
}

const named = ({ code, name }: { code: string; name: string }) => ({ code, name });

/**
 * The 34 current provinces and then the 63 old ones under "before 2025-07" (`provincePicker`), each
 * with the sub-areas its drill-down offers: districts before 2025-07-01, communes from then. The
 * tables are the shipped public reference data (reference-data/README.md), not ledger data, so the
 * API gains no route for them.
 */
export function provinceTree(areas: AreaDirectory): ProvinceEntry[] {
  const succession = areas.succession;
  return provincePicker(succession).map((option) => {
    if (option.group === 'current') {
      return {
        ...option,
        key: option.code,
        districts: succession.predecessorsOf(option.code).districts.map(named),
        communes: areas.childrenOf(option.code, `${COMMUNES_FROM_MONTH}-01`).map(named),
      };
    }
    return {
      ...option,
      key: option.sharesCodeWithCurrent ? `${option.code}-before` : option.code,
      districts: areas.childrenOf(option.code, OLD_AREAS_END_ON).map(named),
      communes: [],
    };
  });
}
