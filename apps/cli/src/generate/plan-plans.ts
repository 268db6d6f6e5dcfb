import type { AssignPlan, Command, IsoDate } from '#domain';
import { areaOn, provinceOf, provinceOn } from './areas.js';
import type { Random } from './prng.js';
import { Random as Seeded } from './prng.js';
import { contributionDue, householdHealthAmount, voluntaryAmount } from './rules.js';
import type { Scenario } from './scenarios.js';
import type { World } from './world.js';

interface AreaFigures {
  collection: bigint;
  mandatory: number;
  unemployment: number;
  voluntary: number;
  health: number;
}

const emptyFigures = (): AreaFigures => ({ collection: 0n, mandatory: 0, unemployment: 0, voluntary: 0, health: 0 });

/** What each district's employers and people would bring in a year if the year were like today. */
function figuresByDistrict(world: World, year: number): Map<string, AreaFigures> {
  const byDistrict = new Map<string, AreaFigures>();
  const of = (code: string) => byDistrict.get(code) ?? byDistrict.set(code, emptyFigures()).get(code)!;
  const january = `${year}-01`;
  const yearEnd = `${year}-12`;
  for (const employer of world.employers) {
    if (employer.status !== 'active' || employer.closing || employer.firstPeriod > yearEnd) continue;
    const figures = of(employer.areaCode);
    const insured = employer.headcount - employer.outsideUnemployment;
    figures.collection += 12n * contributionDue(january, employer.salary * BigInt(employer.headcount), employer.salary * BigInt(insured), employer.headcount, insured);
    figures.mandatory += employer.headcount;
    figures.unemployment += insured;
  }
  for (const person of world.persons) {
    if (person.joinMonth > yearEnd) continue;
    const figures = of(person.areaCode);
    if (person.kind === 'voluntary') {
      figures.voluntary += 1;
      figures.collection += voluntaryAmount(person.income!, 12);
    }
    if (person.kind === 'household') figures.collection += householdHealthAmount(`${year}-01-10`, 12);
    if (person.card) figures.health += 1;
  }
  return byDistrict;
}

const scaled = (value: number, perMille: number) => Math.floor((value * perMille) / 1000);

/**
 * Plans a little above what the area already does (provinces are asked to grow), rounded to the
 * million đồng. Labour force and population follow from coverage ratios of the district's own,
 * steady from year to year: mandatory insurance covers a fifth to a third of the labour force,
 * health insurance about nine people in ten.
 */
function districtPlan(seed: number, areaCode: string, year: number, figures: AreaFigures, random: Random): Omit<AssignPlan, 'assignedOn'> {
  const ratios = Seeded.for(seed, `coverage-${areaCode}`);
  const mandatoryCoveragePerMille = ratios.int(200, 320);
  const healthCoveragePerMille = ratios.int(880, 950);
  const mandatory = scaled(figures.mandatory, random.int(1000, 1060));
  const health = scaled(figures.health, random.int(980, 1080));
  const labourForce = Math.max(500, Math.floor((mandatory * 1000) / mandatoryCoveragePerMille));
  return {
    year,
    areaCode,
    targets: {
      collection: (((figures.collection * BigInt(random.int(980, 1060))) / 1000n / 1_000_000n) * 1_000_000n).toString(),
      participants: {
        mandatorySocialInsurance: mandatory,
        voluntarySocialInsurance: scaled(figures.voluntary, random.int(1050, 1300)),
        unemploymentInsurance: scaled(figures.unemployment, random.int(1000, 1060)),
        healthInsurance: health,
      },
    },
    labourForce,
    population: Math.max(Math.floor((labourForce * 17) / 10), Math.floor((health * 1000) / healthCoveragePerMille)),
  };
}

/**
 * The provinces plans go to on `assignedOn`, each with its sub-areas and the old districts whose
 * employers and people each sub-area's plan is drawn from: the scenario's provinces and their
 * districts before 2025-07-01; from then their successors (44 for both Quảng Bình and Quảng Trị)
 * and the communes that carry the districts on (`areaOn`).
 */
function planAreas(scenario: Scenario, assignedOn: IsoDate): { code: string; subAreas: { code: string; districts: string[] }[] }[] {
  const provinces = new Map<string, Map<string, string[]>>();
  for (const { code } of scenario.provinces) {
    const province = provinceOn(code, assignedOn);
    const subAreas = provinces.get(province) ?? provinces.set(province, new Map()).get(province)!;
    for (const district of provinceOf(code).districts) {
      const subArea = areaOn(district.code, assignedOn);
      subAreas.set(subArea, [...(subAreas.get(subArea) ?? []), district.code]);
    }
  }
  return [...provinces].map(([code, subAreas]) => ({ code, subAreas: [...subAreas].map(([subArea, districts]) => ({ code: subArea, districts })) }));
}

function sumFigures(parts: AreaFigures[]): AreaFigures {
  return parts.reduce((total, part) => ({
    collection: total.collection + part.collection,
    mandatory: total.mandatory + part.mandatory,
    unemployment: total.unemployment + part.unemployment,
    voluntary: total.voluntary + part.voluntary,
    health: total.health + part.health,
  }), emptyFigures());
}

/** Each January 10: the plan of every province of the scenario, then the plans it gives its districts (its communes from 2026). */
export function planAssignments(scenario: Scenario, world: World, year: number, random: Random): Command[] {
  const assignedOn: IsoDate = `${year}-01-10`;
  const figures = figuresByDistrict(world, year);
  const commands: Command[] = [];
  for (const { code, subAreas } of planAreas(scenario, assignedOn)) {
    const districts = subAreas.map((subArea) =>
      districtPlan(scenario.seed, subArea.code, year, sumFigures(subArea.districts.map((district) => figures.get(district) ?? emptyFigures())), random));
    const sum = (pick: (plan: (typeof districts)[number]) => number) => districts.reduce((total, plan) => total + pick(plan), 0);
    const province: AssignPlan = {
      year,
      areaCode: code,
      targets: {
        collection: districts.reduce((total, plan) => total + BigInt(plan.targets.collection), 0n).toString(),
        participants: {
          mandatorySocialInsurance: sum((plan) => plan.targets.participants.mandatorySocialInsurance),
          voluntarySocialInsurance: sum((plan) => plan.targets.participants.voluntarySocialInsurance),
          unemploymentInsurance: sum((plan) => plan.targets.participants.unemploymentInsurance),
          healthInsurance: sum((plan) => plan.targets.participants.healthInsurance),
        },
      },
      labourForce: sum((plan) => plan.labourForce),
      population: sum((plan) => plan.population),
      assignedOn,
    };
    commands.push({ command: 'AssignPlan', data: province });
    for (const plan of districts) commands.push({ command: 'AssignPlan', data: { ...plan, assignedOn } });
  }
  return commands;
}
