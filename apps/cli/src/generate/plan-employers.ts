import { addMonths, monthOf, type EmployerStatus, type IsoDate, type IsoMonth } from '#domain';
import { areaOn } from './areas.js';
import { dayIn } from './build-world.js';
import type { Planning } from './planning.js';
import { contributionDue, perMilleOf, raise } from './rules.js';
import type { Employer } from './world.js';

/** The registration of an employer, as written. */
export function registration(employer: Employer) {
  return {
    command: 'RegisterEmployer' as const,
    data: {
      unitCode: employer.unitCode,
      name: employer.name,
      areaCode: areaOn(employer.areaCode, employer.registeredOn),
      ...(employer.taxCode ? { taxCode: employer.taxCode } : {}),
      registeredOn: employer.registeredOn,
    },
  };
}

/** Headcount drifts a little from month to month; salaries rise each January. */
function evolve(planning: Planning, employer: Employer, month: IsoMonth): void {
  const { random } = planning;
  if (month.endsWith('-01') && month > employer.firstPeriod) {
    employer.salary = (raise(employer.salary, BigInt(1000 + random.int(30, 80))) / 10_000n) * 10_000n;
  }
  if (random.chance(150)) {
    const step = random.int(1, Math.max(1, Math.floor(employer.headcount / 10)));
    employer.headcount = Math.min(300, Math.max(3, employer.headcount + (random.chance(550) ? step : -step)));
    employer.outsideUnemployment = Math.min(employer.outsideUnemployment, Math.floor(employer.headcount / 10));
  }
}

/**
 * Writes a collection from the employer on `date`, unless it has stopped trading by then. A payment by
 * bank transfer goes to the account's statement instead; it still takes its receipt number, so that
 * the command file with statements is the file without them less those lines.
 */
function planPayment(planning: Planning, employer: Employer, date: IsoDate, amount: bigint, forMonth: IsoMonth, period?: IsoMonth): void {
  planning.agenda.add(date, () => {
    if (employer.status !== 'active') return undefined;
    employer.outstanding -= amount;
    const receiptNo = planning.references.receipt(monthOf(date));
    if (planning.bank?.takes({ employer, date, amount, period: forMonth })) return undefined;
    return {
      command: 'CollectContribution',
      data: {
        receiptNo,
        payer: { kind: 'employer', unitCode: employer.unitCode, ...(period ? { period } : {}) },
        amount: amount.toString(),
        collectedOn: date,
      },
    };
  });
}

/**
 * How an employer settles a month: most in full within the month, about one in eight late (the
 * next month or the one after) or in two parts; a defaulter stops paying altogether.
 */
function planPayments(planning: Planning, employer: Employer, month: IsoMonth, due: bigint): void {
  const { random } = planning;
  if (employer.defaultsFrom && month >= employer.defaultsFrom) return;
  const behaviour = random.int(0, 999);
  if (behaviour < 870) {
    // A few name the period they pay; the rest let the ledger settle the oldest debt first.
    planPayment(planning, employer, dayIn(random, month, 10, 31), due, month, random.chance(40) ? month : undefined);
  } else if (behaviour < 920) {
    planPayment(planning, employer, dayIn(random, addMonths(month, 1), 1, 25), due, month);
  } else if (behaviour < 970) {
    const firstPart = perMilleOf(due, random.int(400, 900));
    planPayment(planning, employer, dayIn(random, month, 15, 28), firstPart, month);
    planPayment(planning, employer, dayIn(random, addMonths(month, random.chance(800) ? 1 : 2), 5, 28), due - firstPart, month);
  } else {
    planPayment(planning, employer, dayIn(random, addMonths(month, 2), 1, 20), due, month);
  }
}

const CLOSINGS: { value: { status: EmployerStatus; reason: string }; weight: number }[] = [
  { value: { status: 'suspended', reason: 'Tạm ngừng hoạt động sản xuất kinh doanh' }, weight: 55 },
  { value: { status: 'dissolved', reason: 'Giải thể theo quyết định của chủ sở hữu' }, weight: 35 },
  { value: { status: 'missing', reason: 'Chủ doanh nghiệp bỏ trốn, không liên lạc được' }, weight: 10 },
];

/** Rarely an employer stops trading; a defaulter much more often. Nothing is planned for it afterwards. */
function maybeClose(planning: Planning, employer: Employer, month: IsoMonth): void {
  const { random } = planning;
  const defaulting = employer.defaultsFrom !== undefined && month > employer.defaultsFrom;
  if (!random.chance(defaulting ? 60 : 2)) return;
  employer.closing = true;
  const closing = random.weighted(CLOSINGS);
  const effectiveOn = dayIn(random, month, 5, 25);
  planning.agenda.add(effectiveOn, () => {
    employer.status = closing.status;
    return { command: 'ChangeEmployerStatus', data: { unitCode: employer.unitCode, status: closing.status, effectiveOn, reason: closing.reason } };
  });
}

/**
 * One month of every employer: registrations of the newcomers, the month's assessment on its first
 * day (the C12 notice), the collections it leads to, and the odd closure.
 */
export function planEmployers(planning: Planning, month: IsoMonth): void {
  const { agenda } = planning;
  for (const employer of planning.world.employers) {
    if (employer.joinsDuringRun && monthOf(employer.registeredOn) === month) agenda.add(employer.registeredOn, () => registration(employer));
    if (employer.closing || employer.status !== 'active' || employer.firstPeriod > month) continue;
    evolve(planning, employer, month);
    const payroll = employer.salary * BigInt(employer.headcount);
    const unemploymentHeadcount = employer.headcount - employer.outsideUnemployment;
    const unemploymentPayroll = employer.salary * BigInt(unemploymentHeadcount);
    const due = contributionDue(month, payroll, unemploymentPayroll, employer.headcount, unemploymentHeadcount, employer.registeredOn);
    const headcount = { socialInsurance: employer.headcount, healthInsurance: employer.headcount, unemploymentInsurance: unemploymentHeadcount };
    agenda.add(`${month}-01`, () => {
      employer.outstanding += due;
      employer.lastPeriod = month;
      employer.lastDue = due;
      return {
        command: 'AssessContribution',
        data: {
          unitCode: employer.unitCode,
          period: month,
          headcount,
          payroll: payroll.toString(),
          unemploymentPayroll: unemploymentPayroll.toString(),
          assessedOn: `${month}-01`,
        },
      };
    });
    planPayments(planning, employer, month, due);
    maybeClose(planning, employer, month);
  }
}
