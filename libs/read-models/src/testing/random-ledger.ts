import type { IsoDate, IsoMonth } from '#domain';
import type { RecordedEvent } from '#event-store';
import { EventLog, fundsOf, headcount } from './event-log.js';

/** A small deterministic PRNG (mulberry32), so a failing ledger can be reproduced from its seed. */
export function randomFrom(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ (t + Math.imul(t ^ (t >>> 14), 71 | t));
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (from: number, to: number) => from + Math.floor(next() * (to - from + 1));
  return { chance: (p: number) => next() < p, int, pick: <T>(items: readonly T[]) => items[int(0, items.length - 1)]! };
}

const pad = (n: number) => String(n).padStart(2, '0');
export const DISTRICTS = ['954', '956', '959'];
const PERIODS: IsoMonth[] = Array.from({ length: 12 }, (_, i) => `2021-${pad(i + 1)}`);
const lastDay = (period: IsoMonth) => new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)), 0)).toISOString().slice(0, 10);
const dayIn = (random: ReturnType<typeof randomFrom>, from: IsoDate, days: number): IsoDate =>
  new Date(Date.parse(from) + random.int(0, days) * 86_400_000).toISOString().slice(0, 10);

/**
 * Employers of Bạc Liêu with everything the settlement distinguishes: assessments recorded late,
 * payments before anything is assessed (credit), payments naming a period (assessed or not),
 * reversals of assessments and payments dated before or after other facts, and periods assessed
 * again after a reversal. Only the order the ledger enforces is kept: one unreversed assessment
 * per period.
 */
export function randomLedger(seed: number, employers = 14): { log: EventLog; units: string[] } {
  const random = randomFrom(seed);
  const log = new EventLog();
  const units: string[] = [];
  for (let n = 1; n <= employers; n++) {
    const unitCode = `BL9${pad(n)}`;
    const areaCode = random.pick(DISTRICTS);
    units.push(unitCode);
    log.record('EmployerRegistered', { unitCode, name: `Công ty ${n}`, areaCode, registeredOn: '2015-01-01' });
    const facts: RecordedEvent[] = [];
    const assess = (period: IsoMonth, after: IsoDate) => {
      const due = String(random.int(1, 40) * 500_000 + random.int(0, 999));
      const event = log.record('ContributionAssessed', {
        unitCode, areaCode, period, headcount: headcount(5), payroll: '1', unemploymentPayroll: '1',
        assessedOn: dayIn(random, after, 70), dueDate: lastDay(period), funds: fundsOf(due), due,
      });
      facts.push(event);
      return event;
    };
    for (const period of PERIODS) {
      if (random.chance(0.15)) continue;
      if (random.chance(0.5)) {
        const payment = log.record('ContributionCollected', {
          receiptNo: `${unitCode}-${period}`, amount: String(random.int(1, 30) * 600_000 + random.int(0, 999)),
          payer: { kind: 'employer', unitCode, ...(random.chance(0.35) ? { period: random.pick(PERIODS) } : {}) },
          collectedOn: dayIn(random, `${period}-01`, 60), areaCode,
        });
        facts.push(payment);
      }
      const assessed = assess(period, `${period}-01`);
      if (random.chance(0.12)) {
        log.reverse(assessed, dayIn(random, `${period}-01`, 120));
        if (random.chance(0.6)) assess(period, `${period}-15`);
      }
    }
    for (const fact of facts.filter((f) => f.type === 'ContributionCollected')) {
      if (random.chance(0.1)) log.reverse(fact, dayIn(random, '2021-02-01', 330));
    }
  }
  return { log, units };
}
