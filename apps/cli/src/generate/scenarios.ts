import { addMonths, type IsoMonth } from '#domain';

export type ScenarioName = 'demo' | 'province' | 'national' | 'reorganisation';

export interface GenerateOptions {
  scenario: ScenarioName;
  seed: number;
  employers?: number;
  persons?: number;
  months?: number;
}

export interface ScenarioDefaults {
  /** Province codes the scenario covers; employers and persons are shared out by weight. */
  provinces: readonly { code: string; weight: number }[];
  employers: number;
  persons: number;
  months: number;
  /** The last month of the run, when the scenario fixes it rather than ending before 2025-07. */
  to?: IsoMonth;
}

/**
 * Quảng Trị (45) for the demo and the province scenario; for the national one a handful of
 * provinces of very different sizes, weighted roughly by their number of insured people.
 */
export const SCENARIO_DEFAULTS: Record<ScenarioName, ScenarioDefaults> = {
  demo: { provinces: [{ code: '45', weight: 1 }], employers: 60, persons: 300, months: 24 },
  // `npm run demo`: the two provinces that became today's Quảng Trị (44) on 2025-07-01, Quảng Bình
  // (44, the larger) and the old Quảng Trị (45), from a year before the reorganisation to a year after.
  reorganisation: { provinces: [{ code: '44', weight: 58 }, { code: '45', weight: 42 }], employers: 90, persons: 450, months: 24, to: '2026-06' },
  province: { provinces: [{ code: '45', weight: 1 }], employers: 3000, persons: 20000, months: 24 },
  national: {
    provinces: [
      { code: '79', weight: 30 }, // Thành phố Hồ Chí Minh
      { code: '01', weight: 25 }, // Thành phố Hà Nội
      { code: '31', weight: 8 }, // Thành phố Hải Phòng
      { code: '48', weight: 6 }, // Thành phố Đà Nẵng
      { code: '38', weight: 8 }, // Tỉnh Thanh Hóa
      { code: '92', weight: 5 }, // Thành phố Cần Thơ
      { code: '45', weight: 3 }, // Tỉnh Quảng Trị
      { code: '95', weight: 3 }, // Tỉnh Bạc Liêu
    ],
    employers: 20000,
    persons: 150000,
    months: 24,
  },
};

export interface Scenario {
  name: ScenarioName;
  seed: number;
  provinces: readonly { code: string; weight: number }[];
  employers: number;
  persons: number;
  months: number;
  /** First and last month simulated, both included. */
  from: IsoMonth;
  to: IsoMonth;
}

/** The last month of a run of up to two years; longer runs end at the last month districts existed. */
const TWO_YEAR_END: IsoMonth = '2024-12';
const LAST_DISTRICT_MONTH: IsoMonth = '2025-06';
/** The ledger's contribution rates start in January 2016; a run of 114 months ending June 2025 starts there. */
const MAX_MONTHS = 114;

function wholeNumberOption(name: string, value: number | undefined, fallback: number, min: number, max: number): number {
  const chosen = value ?? fallback;
  if (!Number.isSafeInteger(chosen) || chosen < min || chosen > max) {
    throw new RangeError(`socai generate: ${name} must be a whole number from ${min} to ${max}, not ${chosen}`);
  }
  return chosen;
}

/**
 * Fills in the scenario's defaults and places its months so that the run ends by June 2025: every
 * date stays before 2025-07-01, while the district codes the generator uses are still in force. The
 * reorganisation scenario ends where it says (June 2026) and writes today's codes from 2025-07-01.
 */
export function resolveScenario(options: GenerateOptions): Scenario {
  const defaults = SCENARIO_DEFAULTS[options.scenario];
  if (!defaults) throw new RangeError(`socai generate: unknown scenario ${String(options.scenario)}`);
  const seed = wholeNumberOption('seed', options.seed, 1, 0, 0xffffffff);
  const months = wholeNumberOption('months', options.months, defaults.months, 1, MAX_MONTHS);
  const to = defaults.to ?? (months <= 24 ? TWO_YEAR_END : LAST_DISTRICT_MONTH);
  return {
    name: options.scenario,
    seed,
    provinces: defaults.provinces,
    employers: wholeNumberOption('employers', options.employers, defaults.employers, 0, 10_000_000),
    persons: wholeNumberOption('persons', options.persons, defaults.persons, 0, 100_000_000),
    months,
    from: addMonths(to, 1 - months),
    to,
  };
}
