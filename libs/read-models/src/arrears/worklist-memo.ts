import type { IsoDate } from '#domain';
import type { AreaScope } from '../area-scope.js';
import type { LateInterestRule } from '../ports.js';
import { computeArrears, summaryOf, type ArrearsSummary, type EmployerFacts } from './arrears.calculation.js';
import type { ArrearsRepository } from './arrears.repository.js';

/** asOf dates kept at once (today, a month end, an inspector's date): the least recently asked goes first. */
const DATES_KEPT = 3;
/**
 * Headlines kept over all dates, a few hundred bytes each: enough for every owing employer of a 10M
 * ledger on one date (about 190,000), within the server's heap. A date that needs more is not kept.
 */
const HEADLINES_KEPT = 250_000;
/** Past this share of a scope's employers changed, one area read (four queries) beats reading them by unit code. */
const AREA_READ_SHARE = 0.25;

interface Kept { mark: string; summary: ArrearsSummary }

interface DateMemo {
  /** The rates k the headlines were computed with, as read (arrears.repository.ts `rates`). */
  rates: string;
  byUnit: Map<string, Kept>;
}

/**
 * The arrears worklist's memo of employers' headlines (`ArrearsSummary`), per process. A headline is
 * a function of the employer's rows, the ledger's rates k and `asOf` (the law port is the process's
 * own), so it is kept under the employer's arrears mark (projection/arrears-marks.ts: the position of
 * the last event that changed those rows), the rates as read, and the date. A call reads the marks of
 * the scope's owing employers in one query and computes only those whose mark moved: the answer is
 * the one computing every employer gives, and several API processes each keep their own, all keyed by
 * the shared read model.
 *
 * The marks are read before the facts, and the facts are loaded with the rates the key names: a fact
 * committed in between is in the headline computed under the older mark, which no later call reads
 * again (marks only grow), so nothing stale is ever served.
 */
export class WorklistMemo {
  private readonly dates = new Map<IsoDate, DateMemo>();

  /** Every employer `repository.inArea(scope, { owingOn: asOf })` lists, its headline on `asOf`, in no particular order. */
  async headlines(repository: ArrearsRepository, lateInterest: LateInterestRule, scope: AreaScope, asOf: IsoDate): Promise<ArrearsSummary[]> {
    const rates = await repository.rates();
    const marks = await repository.marksInArea(scope, asOf);
    const memo = this.dateMemo(asOf, JSON.stringify(rates));
    const changed = marks.filter((m) => memo.byUnit.get(m.unitCode)?.mark !== String(m.mark));
    if (changed.length > 0) {
      const wanted = new Set(changed.map((m) => m.unitCode));
      let facts: EmployerFacts[] = [];
      if (changed.length > marks.length * AREA_READ_SHARE) {
        facts = (await repository.inArea(scope, { owingOn: asOf, rates })).filter((f) => wanted.has(f.unitCode));
      }
      // An employer paid up between the two reads is not in the area's; it is read by its code.
      const read = new Set(facts.map((f) => f.unitCode));
      const missing = [...wanted].filter((unit) => !read.has(unit));
      if (missing.length > 0) facts = facts.concat(await repository.ofUnits(missing, rates));
      const markOf = new Map(changed.map((m) => [m.unitCode, String(m.mark)]));
      for (const f of facts) {
        const summary = summaryOf(computeArrears(f, asOf, lateInterest, { detailed: false, withInterest: true }));
        memo.byUnit.set(f.unitCode, { mark: markOf.get(f.unitCode)!, summary });
      }
    }
    const headlines: ArrearsSummary[] = [];
    for (const m of marks) {
      const kept = memo.byUnit.get(m.unitCode);
      if (kept) headlines.push(kept.summary);
    }
    this.bound(asOf);
    return headlines;
  }

  /** Headlines kept, over every date (for specs and the benchmark's account of memory). */
  get size(): number {
    let n = 0;
    for (const memo of this.dates.values()) n += memo.byUnit.size;
    return n;
  }

  private dateMemo(asOf: IsoDate, rates: string): DateMemo {
    let memo = this.dates.get(asOf);
    this.dates.delete(asOf);
    // A rate announced or reversed changes every employer's interest: the date starts again.
    if (!memo || memo.rates !== rates) memo = { rates, byUnit: new Map() };
    this.dates.set(asOf, memo);
    return memo;
  }

  /** Drops the least recently asked dates past DATES_KEPT or HEADLINES_KEPT; a date alone past the limit is dropped too. */
  private bound(asked: IsoDate): void {
    for (const date of this.dates.keys()) {
      if (this.dates.size <= DATES_KEPT && this.size <= HEADLINES_KEPT) return;
      if (date !== asked) this.dates.delete(date);
    }
    if (this.size > HEADLINES_KEPT) this.dates.delete(asked);
  }
}
