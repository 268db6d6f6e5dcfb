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

/** The employers a scope lists on the date, with their marks, as of the ledger's mark `since`. */
interface Listed { since: number; marks: Map<string, string> }

interface DateMemo {
  /** The rates k the headlines were computed with, as read (arrears.repository.ts `rates`). */
  rates: string;
  byUnit: Map<string, Kept>;
  /** By scope (its SQL and parameters). */
  scopes: Map<string, Listed>;
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
  /** The read models' generation the kept headlines were read from (database/generation.ts). */
  private generation: string | undefined;
  /** The call in progress: calls run one after the other (below). */
  private running: Promise<unknown> = Promise.resolve();

  /**
   * Every employer `repository.inArea(scope, { owingOn: asOf })` lists, its headline on `asOf`, in no
   * particular order. Calls of one memo run one at a time: two interleaved would apply their reads of
   * the marks out of order (an employer dropped from a listing by the older read after the newer one
   * listed it). Computing headlines holds the event loop anyway; the warmed calls take milliseconds.
   */
  headlines(repository: ArrearsRepository, lateInterest: LateInterestRule, scope: AreaScope, asOf: IsoDate): Promise<ArrearsSummary[]> {
    const call = this.running.then(() => this.read(repository, lateInterest, scope, asOf));
    this.running = call.catch(() => undefined);
    return call;
  }

  private async read(repository: ArrearsRepository, lateInterest: LateInterestRule, scope: AreaScope, asOf: IsoDate): Promise<ArrearsSummary[]> {
    // A rebuild empties the read models and replays them: marks start again from low positions, so a
    // headline kept under a mark could match a replayed mark with other facts behind it. Everything
    // kept is dropped when the generation changed, before this call's reads or during them.
    const generation = await repository.generation();
    if (generation !== this.generation) {
      this.dates.clear();
      this.generation = generation;
    }
    const rates = await repository.rates();
    const memo = this.dateMemo(asOf, JSON.stringify(rates));
    const listed = await this.listed(memo, repository, scope, asOf);
    const changed: string[] = [];
    for (const [unitCode, mark] of listed.marks) if (memo.byUnit.get(unitCode)?.mark !== mark) changed.push(unitCode);
    if (changed.length > 0) {
      const wanted = new Set(changed);
      let facts: EmployerFacts[] = [];
      if (changed.length > listed.marks.size * AREA_READ_SHARE) {
        facts = (await repository.inArea(scope, { owingOn: asOf, rates })).filter((f) => wanted.has(f.unitCode));
      }
      // An employer paid up between the two reads is not in the area's; it is read by its code.
      const read = new Set(facts.map((f) => f.unitCode));
      const missing = [...wanted].filter((unit) => !read.has(unit));
      if (missing.length > 0) facts = facts.concat(await repository.ofUnits(missing, rates));
      for (const f of facts) {
        const summary = summaryOf(computeArrears(f, asOf, lateInterest, { detailed: false, withInterest: true }));
        memo.byUnit.set(f.unitCode, { mark: listed.marks.get(f.unitCode)!, summary });
      }
    }
    const headlines: ArrearsSummary[] = [];
    // Only a headline kept under the mark listed: one that could not be read again (its employer gone
    // in a reset between the reads) is not served under another mark.
    for (const [unitCode, mark] of listed.marks) {
      const kept = memo.byUnit.get(unitCode);
      if (kept?.mark === mark) headlines.push(kept.summary);
    }
    if (await repository.generation() !== generation) {
      this.dates.clear();
      this.generation = undefined;
    } else {
      this.bound(asOf);
    }
    return headlines;
  }

  /** Headlines kept, over every date (for specs and the benchmark's account of memory). */
  get size(): number {
    let n = 0;
    for (const memo of this.dates.values()) n += memo.byUnit.size;
    return n;
  }

  /**
   * The employers `repository.inArea(scope, { owingOn: asOf })` lists, with their marks. The first call
   * of a scope and date reads them all; later ones read only the employers whose mark passed the
   * newest one seen (the marks' index), since whether an employer is listed on a date follows its own
   * rows (its area, its arrears summary), which move its mark. The projector commits in log order, so
   * a read that sees a mark sees every smaller one: taking the newest mark read as the next `since`
   * misses nothing; the ledger's newest mark is read before the first full read for the same reason.
   */
  private async listed(memo: DateMemo, repository: ArrearsRepository, scope: AreaScope, asOf: IsoDate): Promise<Listed> {
    const key = `${scope.where('e')}|${JSON.stringify(scope.params)}`;
    let listed = memo.scopes.get(key);
    if (!listed) {
      const since = await repository.lastMark();
      const marks = await repository.marksInArea(scope, asOf);
      listed = { since, marks: new Map(marks.map((m) => [m.unitCode, String(m.mark)])) };
      memo.scopes.set(key, listed);
      return listed;
    }
    for (const row of await repository.marksChangedSince(scope, asOf, listed.since)) {
      if (Number(row.listed) === 1) listed.marks.set(row.unitCode, String(row.mark));
      else listed.marks.delete(row.unitCode);
      listed.since = Math.max(listed.since, Number(row.mark));
    }
    return listed;
  }

  private dateMemo(asOf: IsoDate, rates: string): DateMemo {
    let memo = this.dates.get(asOf);
    this.dates.delete(asOf);
    // A rate announced or reversed changes every employer's interest: the date starts again.
    if (!memo || memo.rates !== rates) memo = { rates, byUnit: new Map(), scopes: new Map() };
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
