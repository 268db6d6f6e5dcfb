import { addMonths, firstDayOf, type Command, type IsoDate } from '#domain';
import { Agenda } from './agenda.js';
import { BankStatements, type BankStatementSink } from './bank-statements.js';
import { buildWorld } from './build-world.js';
import { planClaims } from './plan-claims.js';
import { planEmployers, registration } from './plan-employers.js';
import { planInspections } from './plan-inspections.js';
import { planPersons } from './plan-persons.js';
import { planRelocations } from './plan-relocations.js';
import { planAssignments } from './plan-plans.js';
import { References, type Planning } from './planning.js';
import { Random } from './prng.js';
import { resolveScenario, type GenerateOptions } from './scenarios.js';

/** One import line: `{"command":"…","data":{…}}`, without its newline. */
export const toLine = (command: Command): string => JSON.stringify(command);

/**
 * What happened before the first simulated month: the registrations of the employers already in
 * business, oldest first, and the year's plans when the run starts after January 10.
 */
function* prelude(planning: Planning, plansRandom: Random): Generator<Command> {
  const { scenario, world } = planning;
  const start = firstDayOf(scenario.from);
  const dated: { date: IsoDate; command: Command }[] = world.employers
    .filter((employer) => !employer.joinsDuringRun)
    .map((employer) => ({ date: employer.registeredOn, command: registration(employer) }));
  const year = Number(scenario.from.slice(0, 4));
  if (`${year}-01-10` < start) {
    for (const command of planAssignments(scenario, world, year, plansRandom)) dated.push({ date: `${year}-01-10`, command });
  }
  // Array.prototype.sort is stable, so same-day facts keep the order they were made in.
  dated.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const { command } of dated) yield command;
}

/**
 * A synthetic but plausible NDJSON command file for a scenario, deterministic for a seed. Lines come
 * in business-date order, so importing them in file order records every one: no employer is
 * assessed before it is registered, no period twice, no person holds overlapping cards, every
 * area code exists on the date it is used, and every reference number is used once. The file is
 * produced lazily, one month at a time.
 */
export function* generateCommands(options: GenerateOptions, bankStatements?: BankStatementSink): Generator<string> {
  const scenario = resolveScenario(options);
  const world = buildWorld(scenario);
  const bank = bankStatements ? new BankStatements(scenario, world, bankStatements) : undefined;
  const emit = (command: Command): string => {
    bank?.written(command);
    return toLine(command);
  };
  const planning: Planning = {
    scenario,
    world,
    agenda: new Agenda(),
    random: Random.for(scenario.seed, 'months'),
    references: new References(),
    ...(bank ? { bank } : {}),
  };
  const plansRandom = Random.for(scenario.seed, 'plans');
  for (const command of prelude(planning, plansRandom)) yield emit(command);
  for (let month = scenario.from; month <= scenario.to; month = addMonths(month, 1)) {
    if (month.endsWith('-01')) {
      for (const command of planAssignments(scenario, planning.world, Number(month.slice(0, 4)), plansRandom)) {
        planning.agenda.add(`${month.slice(0, 4)}-01-10`, () => command);
      }
    }
    planEmployers(planning, month);
    planRelocations(planning, month);
    planInspections(planning, month);
    planPersons(planning, month);
    planClaims(planning, month);
    for (const command of planning.agenda.writeMonth(month)) yield emit(command);
    bank?.closeMonth(month);
  }
  planning.agenda.discardAfter(scenario.to);
  bank?.finish();
}
