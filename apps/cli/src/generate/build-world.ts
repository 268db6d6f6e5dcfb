import { addMonths, monthsInclusive, type Benefit, type IsoDate, type IsoMonth, type PayoutChannel } from '#domain';
import { provinceOf, type GeneratorDistrict } from './areas.js';
import { Random } from './prng.js';
import type { Scenario } from './scenarios.js';
import type { Employer, Facility, Person, PersonKind, World } from './world.js';

const pad = (value: number, width: number) => String(value).padStart(width, '0');

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month, without building a Date: this runs for nearly every line written. */
function daysIn(month: IsoMonth): number {
  const year = Number(month.slice(0, 4));
  const index = Number(month.slice(5, 7)) - 1;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return index === 1 && leap ? 29 : DAYS_IN_MONTH[index];
}

/** A random day of a month, from `fromDay` to `toDay` (clamped to the month's length). */
export function dayIn(random: Random, month: IsoMonth, fromDay: number, toDay: number): IsoDate {
  const last = daysIn(month);
  return `${month}-${pad(random.int(fromDay, Math.min(toDay, last)), 2)}`;
}

/** A month strictly after the run's first one, for those who appear during the run. */
function monthDuringRun(random: Random, scenario: Scenario): IsoMonth {
  return addMonths(scenario.from, random.int(1, Math.max(1, monthsInclusive(scenario.from, scenario.to) - 1)));
}

function districtPicker(scenario: Scenario) {
  const provinces = scenario.provinces.map(({ code, weight }) => ({
    value: provinceOf(code).districts.map((district) => ({ value: district, weight: district.weight })),
    weight,
  }));
  return (random: Random): GeneratorDistrict => random.weighted(random.weighted(provinces));
}

/** Most employers are small: headcount 3–10 for most, a few hundred for a few. */
function headcountOf(random: Random): number {
  return random.weighted([
    { value: () => random.int(3, 10), weight: 60 },
    { value: () => random.int(11, 50), weight: 25 },
    { value: () => random.int(51, 150), weight: 12 },
    { value: () => random.int(151, 300), weight: 3 },
  ])();
}

/** Average contribution salary 5–20 million đồng, in steps of 10,000 đồng. */
function salaryOf(random: Random): bigint {
  const [low, high] = random.weighted([
    { value: [500, 800], weight: 50 },
    { value: [800, 1300], weight: 35 },
    { value: [1300, 2000], weight: 15 },
  ]);
  return BigInt(random.int(low, high)) * 10_000n;
}

const NAME_PREFIXES = ['Công ty TNHH', 'Công ty TNHH', 'Công ty Cổ phần', 'Hợp tác xã', 'Doanh nghiệp tư nhân', 'Công ty TNHH MTV'];
const NAME_WORDS = ['Thành Công', 'Minh Phát', 'Hoàng Long', 'An Phú', 'Việt Tiến', 'Đại Dương', 'Phú Gia', 'Tân Thành', 'Hưng Thịnh', 'Bình Minh', 'Trường Sơn', 'Sông Hiếu', 'Quang Minh', 'Hải Đăng', 'Nam Việt', 'Phúc Lộc'];
const NAME_TRADES = ['Xây dựng', 'Thương mại', 'May mặc', 'Thủy sản', 'Vận tải', 'Nông sản', 'Du lịch', 'Cơ khí', 'Chế biến gỗ', 'Dịch vụ', 'Cà phê', 'Vật liệu xây dựng'];

function buildEmployers(scenario: Scenario): Employer[] {
  const random = Random.for(scenario.seed, 'employers');
  const pickDistrict = districtPicker(scenario);
  const perDistrict = new Map<string, number>();
  const employers: Employer[] = [];
  const earliest = addMonths(scenario.from, -96);
  for (let i = 0; i < scenario.employers; i++) {
    const district = pickDistrict(random);
    const sequence = (perDistrict.get(district.code) ?? 0) + 1;
    perDistrict.set(district.code, sequence);
    const joinsDuringRun = scenario.months > 1 && random.chance(120);
    const joinMonth = joinsDuringRun ? monthDuringRun(random, scenario) : addMonths(earliest, random.int(0, 95));
    const registeredOn = dayIn(random, joinMonth, 1, 20);
    const headcount = headcountOf(random);
    employers.push({
      unitCode: `DN${district.code}${pad(sequence, 5)}`,
      name: `${random.pick(NAME_PREFIXES)} ${random.pick(NAME_TRADES)} ${random.pick(NAME_WORDS)}`,
      // A unique ten-digit tax code: an affine bijection of the index keeps codes distinct yet scattered.
      taxCode: random.chance(900) ? `3${pad((i * 7_654_321 + 104_729) % 1_000_000_000, 9)}` : undefined,
      areaCode: district.code,
      provinceCode: district.provinceCode,
      registeredOn,
      joinsDuringRun,
      firstPeriod: joinsDuringRun ? addMonths(joinMonth, 1) : scenario.from,
      headcount,
      outsideUnemployment: random.int(0, Math.floor(headcount / 10)),
      salary: salaryOf(random),
      defaultsFrom: random.chance(30) ? addMonths(scenario.from, random.int(2, Math.max(2, scenario.months - 1))) : undefined,
      status: 'active',
      closing: false,
      outstanding: 0n,
      lastDue: 0n,
    });
  }
  return employers;
}

const MONTHLY_BENEFIT_WEIGHTS: { value: Benefit; weight: number }[] = [
  { value: 'pension', weight: 85 },
  { value: 'survivor', weight: 10 },
  { value: 'work-accident', weight: 5 },
];
const CHANNEL_WEIGHTS: { value: PayoutChannel; weight: number }[] = [
  { value: 'post-office-cash', weight: 75 },
  { value: 'bank-account', weight: 22 },
  { value: 'office', weight: 3 },
];

function monthlyBenefitAmount(random: Random, benefit: Benefit): bigint {
  if (benefit === 'survivor') return BigInt(random.int(11_000, 30_000)) * 100n;
  if (benefit === 'work-accident') return BigInt(random.int(5_000, 30_000)) * 100n;
  const [low, high] = random.weighted([
    { value: [30_000, 60_000], weight: 60 },
    { value: [60_000, 100_000], weight: 30 },
    { value: [100_000, 150_000], weight: 10 },
  ]);
  return BigInt(random.int(low, high)) * 100n;
}

/** Health-insurance card group and benefit level (QĐ 1351/QĐ-BHXH): pensioners HT3, employees DN4, households GD4, children TE1, pupils HS4, students SV4. */
function cardGroupOf(random: Random, kind: PersonKind): { group: string; level: number } | undefined {
  switch (kind) {
    case 'beneficiary': return { group: 'HT', level: 3 };
    case 'employee': return { group: 'DN', level: 4 };
    case 'household': return { group: 'GD', level: 4 };
    case 'student': return random.weighted([
      { value: { group: 'TE', level: 1 }, weight: 40 },
      { value: { group: 'HS', level: 4 }, weight: 40 },
      { value: { group: 'SV', level: 4 }, weight: 20 },
    ]);
    case 'voluntary': return undefined;
  }
}

function buildPersons(scenario: Scenario): Person[] {
  const random = Random.for(scenario.seed, 'persons');
  const pickDistrict = districtPicker(scenario);
  const perProvince = new Map<string, number>();
  const persons: Person[] = [];
  for (let i = 0; i < scenario.persons; i++) {
    const district = pickDistrict(random);
    const sequence = perProvince.get(district.provinceCode) ?? 0;
    perProvince.set(district.provinceCode, sequence + 1);
    const kind = random.weighted<PersonKind>([
      { value: 'beneficiary', weight: 22 },
      { value: 'voluntary', weight: 14 },
      { value: 'household', weight: 26 },
      { value: 'employee', weight: 26 },
      { value: 'student', weight: 12 },
    ]);
    const joinsDuringRun = scenario.months > 1 && random.chance(kind === 'beneficiary' ? 100 : 200);
    const person: Person = {
      // Ten digits, the first two the province (domain.md, Identifiers); the other eight an affine
      // bijection of the person's rank in the province, so they are distinct but look scattered.
      personId: `${district.provinceCode}${pad((sequence * 48_271 + 10_000_019) % 100_000_000, 8)}`,
      areaCode: district.code,
      provinceCode: district.provinceCode,
      kind,
      joinMonth: joinsDuringRun ? monthDuringRun(random, scenario) : scenario.from,
      joinsDuringRun,
      hasBook: !joinsDuringRun,
    };
    const card = cardGroupOf(random, kind);
    if (card) {
      const firstDay = dayIn(random, person.joinMonth, 1, 28);
      person.card = { ...card, nextFrom: firstDay, nextIssuedOn: firstDay };
    }
    if (kind === 'beneficiary') {
      person.benefit = random.weighted(MONTHLY_BENEFIT_WEIGHTS);
      person.monthlyAmount = monthlyBenefitAmount(random, person.benefit);
      person.channel = random.weighted(CHANNEL_WEIGHTS);
      person.payday = random.int(2, 10);
    } else if (kind === 'voluntary' || kind === 'household') {
      person.cycleMonths = random.weighted(kind === 'voluntary'
        ? [{ value: 1, weight: 40 }, { value: 3, weight: 30 }, { value: 6, weight: 15 }, { value: 12, weight: 15 }]
        : [{ value: 3, weight: 30 }, { value: 6, weight: 30 }, { value: 12, weight: 40 }]);
      person.nextCoverFrom = joinsDuringRun ? person.joinMonth : addMonths(scenario.from, random.int(0, person.cycleMonths - 1));
      // Voluntary income: from the rural poverty line (1.5 million đồng) up, in steps of 50,000 đồng.
      if (kind === 'voluntary') {
        const [low, high] = random.weighted([{ value: [30, 60], weight: 75 }, { value: [60, 200], weight: 25 }]);
        person.income = BigInt(random.int(low, high)) * 50_000n;
      }
    } else if (kind === 'employee') {
      person.salary = BigInt(random.int(500, 1500)) * 10_000n;
    }
    persons.push(person);
  }
  return persons;
}

/** A provincial hospital and two private clinics in the main city, and a health centre per district. */
function buildFacilities(scenario: Scenario): Facility[] {
  const random = Random.for(scenario.seed, 'facilities');
  const facilities: Facility[] = [];
  for (const { code } of scenario.provinces) {
    const province = provinceOf(code);
    const city = province.districts.reduce((best, district) => (district.weight > best.weight ? district : best));
    let sequence = 0;
    const add = (areaCode: string, share: number, outpatient: [number, number], inpatient: [number, number], inpatientPerMille: number) =>
      facilities.push({
        facilityCode: `${code}${pad(++sequence, 3)}`,
        areaCode,
        share,
        outpatientCost: BigInt(random.int(...outpatient)) * 1000n,
        inpatientCost: BigInt(random.int(...inpatient)) * 1000n,
        inpatientPerMille,
      });
    add(city.code, 30 * province.districts.length, [350, 500], [6000, 10000], 120);
    for (const district of province.districts) add(district.code, district.weight, [180, 300], [3000, 5000], 60);
    add(city.code, 4 * province.districts.length, [150, 250], [2500, 4000], 10);
    add(city.code, 3 * province.districts.length, [150, 250], [2500, 4000], 10);
  }
  return facilities;
}

export function buildWorld(scenario: Scenario): World {
  const persons = buildPersons(scenario);
  const employers = buildEmployers(scenario);
  const insuredByProvince = new Map<string, number>();
  const count = (province: string, insured: number) => insuredByProvince.set(province, (insuredByProvince.get(province) ?? 0) + insured);
  for (const person of persons) count(person.provinceCode, 1);
  for (const employer of employers) count(employer.provinceCode, employer.headcount);
  return { employers, persons, facilities: buildFacilities(scenario), insuredByProvince };
}
