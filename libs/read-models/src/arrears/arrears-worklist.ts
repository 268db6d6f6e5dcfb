import { addMoney, compareMoney } from '#domain';
import type { IsoDate, Money } from '#domain';
import type { AreaScope } from '../area-scope.js';
import type { LateInterestRule } from '../ports.js';
import { ARREARS_BUCKETS, computeArrears, summaryOf, type ArrearsBucket, type ArrearsSummary } from './arrears.calculation.js';
import type { ArrearsRepository } from './arrears.repository.js';
import type { WorklistMemo } from './worklist-memo.js';

export interface ArrearsWorklistRequest {
  /** Province, district or commune code; none for the whole country. */
  area?: string;
  bucket?: ArrearsBucket;
  /** `evasion`: only employers whose late payment is evasion on `asOf` (evasion.ts). */
  status?: 'evasion';
  asOf?: IsoDate;
  /** 50 by default, at most 500. */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

export interface ArrearsWorklist {
  asOf: IsoDate;
  totals: {
    overdue: Money; interest: Money; employers: number; byBucket: Record<string, { overdue: Money; employers: number }>;
    evasion: { employers: number; overdue: Money };
  };
  items: ArrearsSummary[];
  nextCursor: string | null;
}

/**
 * Employers of `scope` that owe anything on `asOf`, largest overdue first (ties by unit code),
 * optionally of one bucket (`GET /api/arrears`). Totals cover every matching employer, not just the page.
 * With `memo` (worklist-memo.ts) the headlines of employers whose rows did not change since an earlier
 * call are not computed again; the answer is the same (worklist-memo.spec.ts compares both).
 */
export async function arrearsWorklist(
  repository: ArrearsRepository,
  lateInterest: LateInterestRule,
  scope: AreaScope,
  asOf: IsoDate,
  request: Pick<ArrearsWorklistRequest, 'bucket' | 'status' | 'limit' | 'cursor'>,
  memo?: WorklistMemo,
): Promise<ArrearsWorklist> {
  const limit = Math.min(Math.max(request.limit ?? 50, 1), 500);
  const offset = request.cursor ? (decodeCursor(request.cursor) ?? 0) : 0;
  // Employers whose summary shows nothing owed on asOf are not read: they would be dropped below.
  const headlines = memo
    ? await memo.headlines(repository, lateInterest, scope, asOf)
    : (await repository.inArea(scope, { owingOn: asOf }))
      .map((facts) => summaryOf(computeArrears(facts, asOf, lateInterest, { detailed: false, withInterest: true })));
  // Sorted on the amounts as integers: a warmed call sorts thousands of headlines (decimal.js parses each side of each comparison).
  const owing = headlines
    .filter((a) => compareValues(moneyValue(a.outstanding), 0n) > 0 && (!request.bucket || a.bucket === request.bucket)
      && (request.status !== 'evasion' || a.evasion !== null))
    .map((a) => ({ a, overdue: moneyValue(a.overdue) }))
    .sort((x, y) => compareValues(y.overdue, x.overdue) || (x.a.unitCode < y.a.unitCode ? -1 : x.a.unitCode > y.a.unitCode ? 1 : 0))
    .map((x) => x.a);
  const byBucket: ArrearsWorklist['totals']['byBucket'] = {};
  for (const bucket of ARREARS_BUCKETS) {
    const inBucket = owing.filter((a) => a.bucket === bucket);
    byBucket[bucket] = { overdue: sumMoney(inBucket.map((a) => a.overdue)), employers: inBucket.length };
  }
  // A memo's headlines are shared by later calls: the page hands out copies.
  const items = owing.slice(offset, offset + limit).map((a) => (memo ? structuredClone(a) : a));
  const evading = owing.filter((a) => a.evasion !== null);
  return {
    asOf,
    totals: {
      overdue: sumMoney(owing.map((a) => a.overdue)),
      interest: sumMoney(owing.map((a) => a.interest)),
      employers: owing.length,
      byBucket,
      evasion: { employers: evading.length, overdue: sumMoney(evading.map((a) => a.overdue)) },
    },
    items,
    nextCursor: offset + limit < owing.length ? encodeCursor(offset + limit) : null,
  };
}

const WHOLE = /^-?\d+$/;

/** An amount as a bigint when it is whole đồng (every computed one is), else as decimal.js compares it. */
function moneyValue(amount: Money): bigint | Money {
  return WHOLE.test(amount) ? BigInt(amount) : amount;
}

function compareValues(a: bigint | Money, b: bigint | Money): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  return compareMoney(String(a), String(b));
}

/** addMoney's sum (whole đồng, '0' for none), added as bigints when every amount is whole. */
function sumMoney(amounts: Money[]): Money {
  if (!amounts.every((amount) => WHOLE.test(amount))) return addMoney(...amounts);
  let sum = 0n;
  for (const amount of amounts) sum += BigInt(amount);
  return sum.toString();
}

/** Cursors are opaque to clients: base64url of the offset of the next page. */
function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

/**
 * The offset a cursor of ours stands for, or undefined for any text this build did not hand out
 * (a client's edit, a cursor cut short): the caller refuses that (400) rather than serve page 1.
 */
export function decodeCursor(cursor: string): number | undefined {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(cursor)) return undefined;
  try {
    const { offset } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { offset: unknown };
    if (!Number.isSafeInteger(offset) || (offset as number) < 0) return undefined;
    return encodeCursor(offset as number) === cursor ? (offset as number) : undefined;
  } catch {
    return undefined;
  }
}
