import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AREA_REFERENCE_FILES, AreaDirectory, COMMAND_NAMES, addDays, type Command, type IsoDate } from '#domain';

/**
 * An independent referee for generated files, for the tests: it replays the lines in order and
 * applies the rules the ledger applies (and a few stricter ones of the generator's own), and
 * returns every breach it finds. An empty list means the file should import without a refusal.
 */

const WHOLE_DONG = /^(0|[1-9][0-9]*)$/;
/** Both dated area tables and the succession: a code is known only on the days it is in force. */
function areaTables(): AreaDirectory {
  const read = (name: string) => {
    const file = ['reference-data', '/work/shared/data'].map((dir) => join(dir, name)).find((path) => existsSync(path));
    if (!file) throw new Error('no reference data');
    return readFileSync(file, 'utf8');
  };
  return AreaDirectory.fromCsv(read(AREA_REFERENCE_FILES.until), read(AREA_REFERENCE_FILES.from), read(AREA_REFERENCE_FILES.succession));
}

/** The business date that places a command in time. */
function businessDate(command: Command): IsoDate | undefined {
  switch (command.command) {
    case 'RegisterEmployer': return command.data.registeredOn;
    case 'ChangeEmployerStatus': return command.data.effectiveOn;
    case 'AssessContribution': return command.data.assessedOn;
    case 'CollectContribution': return command.data.collectedOn;
    case 'IssueBook': return command.data.issuedOn;
    case 'IssueCard': return command.data.issuedOn;
    case 'PayBenefit': return command.data.paidOn;
    case 'AssessClaim': return command.data.assessedOn;
    case 'AssignPlan': return command.data.assignedOn;
    case 'RecordInspection': return command.data.inspectedOn;
    case 'RelocateEmployer': return command.data.effectiveOn;
    default: return undefined;
  }
}

function moneyFields(command: Command): string[] {
  switch (command.command) {
    case 'AssessContribution': return [command.data.payroll, command.data.unemploymentPayroll ?? '0'];
    case 'CollectContribution': return [command.data.amount];
    case 'PayBenefit': return [command.data.amount];
    case 'AssessClaim': return [command.data.requested, command.data.approved];
    case 'AssignPlan': return [command.data.targets.collection];
    case 'RecordInspection': return [command.data.arrearsFound];
    default: return [];
  }
}

export interface CheckSummary {
  lines: number;
  byCommand: Record<string, number>;
  problems: string[];
}

export function checkCommandFile(lines: Iterable<string>): CheckSummary {
  const areas = areaTables();
  const provinceOf = (code: string, date: IsoDate) => {
    const area = areas.find(code, date);
    return area?.level === 'province' ? code : area?.parentCode;
  };
  /** A BHXH number or card keeps its old province's digits; from 2025-07-01 they stand for its successor. */
  const provinceOfDigits = (digits: string, date: IsoDate) => areas.succession.successorOn(digits, date);
  const employers = new Map<string, { registeredOn: IsoDate; status: string; periods: Set<string> }>();
  const keys = new Set<string>();
  const cardsByPerson = new Map<string, { validFrom: IsoDate; validTo: IsoDate }[]>();
  const byCommand: Record<string, number> = {};
  const problems: string[] = [];
  let previousDate = '';
  let lineNo = 0;
  const problem = (text: string) => { if (problems.length < 50) problems.push(`line ${lineNo}: ${text}`); };
  const unique = (key: string) => { if (keys.has(key)) problem(`duplicate key ${key}`); keys.add(key); };
  const knownArea = (code: string | undefined, date: IsoDate) => {
    if (code === undefined || !areas.find(code, date)) problem(`unknown area ${code} on ${date}`);
  };
  const activeEmployer = (unitCode: string, date: IsoDate) => {
    const employer = employers.get(unitCode);
    if (!employer) return problem(`employer ${unitCode} not registered`);
    if (employer.status !== 'active') problem(`employer ${unitCode} is ${employer.status}`);
    if (date < employer.registeredOn) problem(`${unitCode}: ${date} before registration ${employer.registeredOn}`);
    return employer;
  };
  const person = (personId: string, areaCode: string, date: IsoDate) => {
    if (!/^\d{10}$/.test(personId) || provinceOfDigits(personId.slice(0, 2), date) !== provinceOf(areaCode, date)) problem(`person ${personId} does not belong to ${areaCode}`);
  };

  for (const line of lines) {
    lineNo++;
    const parsed = JSON.parse(line) as Command;
    if (!COMMAND_NAMES.includes(parsed.command) || Object.keys(parsed).join() !== 'command,data') problem(`not a command line: ${line}`);
    byCommand[parsed.command] = (byCommand[parsed.command] ?? 0) + 1;
    const date = businessDate(parsed) ?? '';
    if (date < previousDate) problem(`${date} comes after ${previousDate}`);
    previousDate = date;
    for (const amount of moneyFields(parsed)) if (!WHOLE_DONG.test(amount)) problem(`amount ${amount}`);
    switch (parsed.command) {
      case 'RegisterEmployer': {
        const { unitCode, areaCode, registeredOn } = parsed.data;
        unique(`employer ${unitCode}`);
        knownArea(areaCode, registeredOn);
        employers.set(unitCode, { registeredOn, status: 'active', periods: new Set() });
        break;
      }
      case 'ChangeEmployerStatus': {
        const employer = activeEmployer(parsed.data.unitCode, date);
        if (employer) employer.status = parsed.data.status;
        break;
      }
      case 'AssessContribution': {
        const { unitCode, period, headcount } = parsed.data;
        const employer = activeEmployer(unitCode, date);
        unique(`assessment ${unitCode} ${period}`);
        employer?.periods.add(period);
        if (employer && period <= employer.registeredOn.slice(0, 7)) problem(`${unitCode} assessed for ${period}, registered ${employer.registeredOn}`);
        if (headcount.socialInsurance < 3 || headcount.socialInsurance > 300 || headcount.unemploymentInsurance > headcount.socialInsurance) problem(`headcount ${JSON.stringify(headcount)}`);
        break;
      }
      case 'CollectContribution': {
        const { receiptNo, payer } = parsed.data;
        unique(`receipt ${receiptNo}`);
        if (payer.kind === 'employer') {
          const employer = activeEmployer(payer.unitCode, date);
          if (payer.period && !employer?.periods.has(payer.period)) problem(`${payer.unitCode} pays unassessed ${payer.period}`);
        } else {
          knownArea(parsed.data.areaCode, date);
          person(payer.personId, parsed.data.areaCode ?? '', date);
          if (payer.coverTo < payer.coverFrom) problem(`cover ${payer.coverFrom}..${payer.coverTo}`);
        }
        if (parsed.data.amount === '0') problem('collection of nothing');
        break;
      }
      case 'IssueBook':
        unique(`book ${parsed.data.personId} ${parsed.data.issuedOn}`);
        knownArea(parsed.data.areaCode, date);
        person(parsed.data.personId, parsed.data.areaCode, date);
        break;
      case 'IssueCard': {
        const { cardNo, personId, areaCode, validFrom, validTo, issuedOn } = parsed.data;
        unique(`card ${cardNo} ${validFrom}`);
        knownArea(areaCode, issuedOn);
        person(personId, areaCode, issuedOn);
        if (!/^[A-Z]{2}[1-5]\d{12}$/.test(cardNo) || cardNo.slice(3, 5) !== provinceOf(areaCode, issuedOn) || cardNo.slice(5) !== personId) problem(`card number ${cardNo}`);
        if (validTo !== addDays(`${Number(validFrom.slice(0, 4)) + 1}${validFrom.slice(4)}`, -1)) problem(`card ${validFrom}..${validTo} is not twelve months`);
        if (issuedOn > validFrom) problem(`card issued ${issuedOn} after it starts ${validFrom}`);
        const held = cardsByPerson.get(personId) ?? [];
        if (held.some((card) => card.validFrom <= validTo && validFrom <= card.validTo)) problem(`card overlap for ${personId}`);
        cardsByPerson.set(personId, [...held, { validFrom, validTo }]);
        break;
      }
      case 'PayBenefit':
        unique(`payment ${parsed.data.paymentRef}`);
        knownArea(parsed.data.areaCode, date);
        person(parsed.data.personId, parsed.data.areaCode, date);
        if (parsed.data.payoutMonth !== date.slice(0, 7)) problem(`payout month ${parsed.data.payoutMonth} paid ${date}`);
        break;
      case 'AssessClaim':
        unique(`claim ${parsed.data.assessmentRef}`);
        unique(`claim period ${parsed.data.facilityCode} ${parsed.data.period}`);
        knownArea(parsed.data.areaCode, date);
        if (BigInt(parsed.data.approved) > BigInt(parsed.data.requested)) problem('approved more than requested');
        if (parsed.data.period >= date.slice(0, 7)) problem(`claim for ${parsed.data.period} assessed ${date}`);
        break;
      case 'AssignPlan':
        unique(`plan ${parsed.data.year} ${parsed.data.areaCode} ${parsed.data.assignedOn}`);
        knownArea(parsed.data.areaCode, date);
        break;
      case 'RecordInspection':
        unique(`inspection ${parsed.data.inspectionId}`);
        activeEmployer(parsed.data.unitCode, date);
        break;
      case 'RelocateEmployer': {
        const { unitCode, areaCode, effectiveOn } = parsed.data;
        unique(`relocation ${unitCode} ${effectiveOn}`);
        activeEmployer(unitCode, date);
        knownArea(areaCode, effectiveOn);
        break;
      }
      default:
        problem(`the generator should not write ${parsed.command}`);
    }
  }
  return { lines: lineNo, byCommand, problems };
}
