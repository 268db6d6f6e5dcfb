import type { ScopedAreas } from '#domain';
import type { EventStore } from '#event-store';
import type { SocaiRequest } from '../common/request-context.js';
import { EVERY_AREA } from '#runtime';

/** What an area rule may consult: the area tables and the log (to find an employer's or a fact's area). */
export interface AreaLookups {
  areas: ScopedAreas;
  store: Pick<EventStore, 'readStream' | 'findEvent'>;
}

/**
 * The areas a request touches. The key must cover every one; an empty list means the route names
 * no area the guard can check before the route runs (a malformed body or an unknown employer, which
 * the route then refuses itself; the ledger checks every event's area against the key again).
 * `*` means the request spans every area, which only a key for `*` covers.
 */
export type AreaRule = (request: SocaiRequest, lookups: AreaLookups) => Promise<string[]> | string[];

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function codes(...values: unknown[]): string[] {
  return values.map(text).filter((value): value is string => value !== undefined);
}

/** The area an employer registered in, from the first event of its stream; undefined if unknown. */
export async function employerArea(store: AreaLookups['store'], unitCode: string | undefined): Promise<string | undefined> {
  if (!unitCode) return undefined;
  const [registered] = await store.readStream(`employer-${unitCode}`, { limit: 1 });
  return text(record(registered?.data).areaCode);
}

/** Ready-made rules for `@Access({ area })`. */
export const AreaOf = {
  /** The route spans every area (the raw log, the keys): only a `*` key may call it. */
  everywhere: (() => [EVERY_AREA]) as AreaRule,

  /** Nothing to check before the route runs: the ledger checks each produced event (the NDJSON import). */
  checkedByLedger: (() => []) as AreaRule,

  /** A route parameter that is an area code (`/api/areas/:areaCode/totals`). */
  param: (name: string): AreaRule => (request) => codes(request.params?.[name]),

  /** A query parameter that is an area code and that the route requires (it answers 400 when absent). */
  query: (name: string): AreaRule => (request) => codes(record(request.query)[name]),

  /**
   * An optional query parameter that is an area code; when it is absent the query spans every area,
   * which only a `*` key may ask (`GET /api/arrears` without `area`).
   */
  queryOrEverywhere: (name: string): AreaRule => (request) => [text(record(request.query)[name]) ?? EVERY_AREA],

  /** The employer named by a route parameter, by the area it registered in. */
  employerParam: (name: string): AreaRule => async (request, { store }) => codes(await employerArea(store, text(request.params?.[name]))),

  /** RelocateEmployer: the employer of a route parameter, by the area it registered in, and the target `areaCode`. */
  employerRelocation: (name: string): AreaRule => async (request, { store }) =>
    codes(await employerArea(store, text(request.params?.[name])), record(request.body).areaCode),

  /** The employer named by `unitCode` in the body (RecordInspection). */
  employerInBody: (async (request, { store }) => codes(await employerArea(store, text(record(request.body).unitCode)))) as AreaRule,

  /** `areaCode` in a JSON body, or in the query string for a CSV body (ReconcilePayouts). */
  bodyAreaCode: ((request) => {
    if (typeof request.body === 'string') return codes(record(request.query).areaCode);
    return codes(record(request.body).areaCode);
  }) as AreaRule,

  /**
   * CollectContribution: an employer's payment lies in the employer's area, a person's in the
   * `areaCode` the body gives; both are checked when the body names both.
   */
  collectionPayer: (async (request, { store }) => {
    const body = record(request.body);
    const payer = record(body.payer);
    const employer = payer.kind === 'employer' ? await employerArea(store, text(payer.unitCode)) : undefined;
    return codes(employer, body.areaCode);
  }) as AreaRule,

  /** ReverseEntry: the reversed fact's area. */
  reversedEvent: (async (request, { store }) => {
    const eventId = text(record(request.body).eventId);
    const event = eventId ? await store.findEvent(eventId) : undefined;
    return codes(record(event?.data).areaCode);
  }) as AreaRule,
};
