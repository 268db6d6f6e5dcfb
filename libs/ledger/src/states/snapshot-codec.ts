import type {
  AssessmentRecord, BankCreditStatus, BankState, CardRecord, ChargeRecord, CollectionRecord, EmployerProfile, EmployerState, FacilityState,
  InterestRulesState, PayoutState, PersonRelocationRecord, PersonState, PlanState, ProfileChangeRecord, RelocationRecord,
  StatusChangeRecord, StreamKind, StreamState, SuspensionRecord,
} from '#domain';
import { FUNDS, fundsOnce, type FundDues, type IsoDate, type IsoMonth, type Money } from '#domain';
import { PackedFactIndex, type PackedFactsSnapshot } from './packed-fact-index.js';

/**
 * The codec of decision-state snapshots (the event store's `state_snapshots`, docs/decisions.md). A
 * snapshot is JSON: the state's own fields as they are (but an employer's assessments and collections,
 * written as rows: assessmentRows), its fact index packed (PackedFactIndex.toSnapshot), and every
 * `eventId` a record or a bank map holds written as that fact's place in the index (an employer's
 * records would otherwise repeat each of its ids).
 *
 * SNAPSHOT_FORMAT names what a snapshot holds: a row of another format is ignored and the stream read
 * instead. Bump it whenever a state's fields change (STATE_FIELDS below will not compile until they
 * match the domain's types), whenever what a fold keeps of an event changes (the evolve functions,
 * the upcasters), or when this codec changes; snapshot-codec.spec.ts holds each format's fields and one
 * encoded state of each kind, and fails until the format is bumped and they are recorded under it.
 */
export const SNAPSHOT_FORMAT = 2;

/** Exactly the keys of T, each once, or a type error naming the mismatch. */
type ExactKeys<T, K extends readonly PropertyKey[]> =
  [Exclude<keyof T, K[number]>, Exclude<K[number], keyof T>] extends [never, never] ? K : { missing: Exclude<keyof T, K[number]>; unknown: Exclude<K[number], keyof T> };
const keysOf = <T>() => <const K extends readonly (keyof T)[]>(keys: ExactKeys<T, K> & K): K => keys;

/**
 * Every field of every state and record this codec writes: a field added to (or removed from) one of
 * the domain's types fails the typecheck here, and the change then shows in the golden spec, which
 * asks for a new SNAPSHOT_FORMAT.
 */
export const STATE_FIELDS = {
  employer: keysOf<EmployerState>()(['kind', 'facts', 'profile', 'statusChanges', 'assessments', 'collections', 'charges', 'relocations', 'profileChanges', 'suspensions']),
  employerProfile: keysOf<EmployerProfile>()(['unitCode', 'name', 'areaCode', 'registeredOn', 'wageRegion', 'sector']),
  statusChange: keysOf<StatusChangeRecord>()(['eventId', 'status', 'effectiveOn']),
  assessment: keysOf<AssessmentRecord>()(['eventId', 'period', 'dueDate', 'funds']),
  collection: keysOf<CollectionRecord>()(['eventId', 'collectedOn', 'amount', 'period']),
  charge: keysOf<ChargeRecord>()(['eventId', 'month', 'to', 'notComputed', 'basis', 'closedOn', 'byFund']),
  relocation: keysOf<RelocationRecord>()(['eventId', 'areaCode', 'effectiveOn']),
  profileChange: keysOf<ProfileChangeRecord>()(['eventId', 'effectiveOn', 'wageRegion', 'sector', 'highRiskApproval']),
  suspension: keysOf<SuspensionRecord>()(['eventId', 'fund', 'from', 'to', 'decisionRef']),
  person: keysOf<PersonState>()(['kind', 'facts', 'cards', 'relocations']),
  card: keysOf<CardRecord>()(['eventId', 'cardNo', 'validFrom', 'validTo']),
  personRelocation: keysOf<PersonRelocationRecord>()(['eventId', 'effectiveOn']),
  facility: keysOf<FacilityState>()(['kind', 'facts']),
  plan: keysOf<PlanState>()(['kind', 'facts']),
  payout: keysOf<PayoutState>()(['kind', 'facts']),
  rules: keysOf<InterestRulesState>()(['kind', 'facts']),
  bank: keysOf<BankState>()(['kind', 'facts', 'credits', 'decisionOf']),
} as const;

/** The record arrays of each kind's state: records whose `eventId` is one of the stream's facts. */
const RECORD_ARRAYS: Record<StreamKind, readonly string[]> = {
  // An employer's assessments and collections are written as rows instead (assessmentRows, below).
  employer: ['statusChanges', 'charges', 'relocations', 'profileChanges', 'suspensions'],
  person: ['cards', 'relocations'],
  facility: [],
  plan: [],
  payout: [],
  rules: [],
  bank: [],
};

/** What a snapshot's JSON holds: the kind, the last event folded, the facts, the rest of the state. */
interface Encoded {
  kind: StreamKind;
  /** The eventId at the snapshot's revision: a load checks the log still holds it there. */
  last: string;
  facts: PackedFactsSnapshot;
  state: Record<string, unknown>;
}

/** A fact's eventId as its place in the index; an id that is not one of the stream's facts stays as it is. */
type EventRef = number | string;

/** The snapshot of a state folded up to the event `lastEventId`. Only states holding a PackedFactIndex (the ledger's cache's). */
export function encodeSnapshot(state: StreamState, lastEventId: string): string {
  const facts = state.facts;
  if (!(facts instanceof PackedFactIndex)) throw new TypeError('a snapshot packs the ledger cache\'s states only (PackedFactIndex)');
  const ref = (eventId: string): EventRef => {
    const slot = facts.indexOf(eventId);
    return slot < 0 ? eventId : slot;
  };
  const { kind, facts: _facts, ...rest } = state as StreamState & Record<string, unknown>;
  const encoded: Record<string, unknown> = { ...rest };
  for (const field of RECORD_ARRAYS[kind]) {
    encoded[field] = (rest[field] as { eventId: string }[]).map((record) => ({ ...record, eventId: ref(record.eventId) }));
  }
  if (kind === 'employer') {
    const employer = state as EmployerState;
    encoded.assessments = assessmentRows(employer.assessments, ref);
    encoded.collections = employer.collections.map(({ eventId, collectedOn, amount, period }) =>
      period === undefined ? [ref(eventId), collectedOn, amount] : [ref(eventId), collectedOn, amount, period]);
  }
  if (kind === 'bank') {
    const bank = state as BankState;
    encoded.credits = [...bank.credits].map(([creditId, credit]) => [ref(creditId), credit.status, credit.areaCode]);
    encoded.decisionOf = [...bank.decisionOf].map(([decisionId, creditId]) => [ref(decisionId), ref(creditId)]);
  }
  const snapshot: Encoded = { kind, last: lastEventId, facts: facts.toSnapshot(), state: encoded };
  return JSON.stringify(snapshot);
}

export interface DecodedSnapshot {
  state: StreamState;
  /** The eventId of the last event folded into it. */
  lastEventId: string;
}

/** The state a snapshot holds; throws when it is not one of `kind` or cannot be read (the caller reads the stream). */
export function decodeSnapshot(text: string, kind: StreamKind): DecodedSnapshot {
  const snapshot = JSON.parse(text) as Encoded;
  if (snapshot.kind !== kind) throw new Error(`a ${snapshot.kind} snapshot for a ${kind} stream`);
  const facts = PackedFactIndex.fromSnapshot(snapshot.facts);
  const id = (ref: EventRef): string => {
    if (typeof ref === 'string') return ref;
    const eventId = facts.idAt(ref);
    if (eventId === undefined) throw new Error(`a snapshot names fact ${ref} of ${facts.size}`);
    return eventId;
  };
  const fields = snapshot.state;
  if (kind === 'employer') {
    fields.assessments = assessmentsOf(fields.assessments as AssessmentRow[], id);
    fields.collections = (fields.collections as CollectionRow[]).map(([eventId, collectedOn, amount, period]): CollectionRecord =>
      period === undefined ? { eventId: id(eventId), collectedOn, amount } : { eventId: id(eventId), collectedOn, amount, period });
  }
  // The records are JSON.parse's own objects: their places become ids in place (a copy of each
  // record showed in a cold command's profile).
  for (const field of RECORD_ARRAYS[kind]) {
    for (const record of fields[field] as { eventId: EventRef }[]) record.eventId = id(record.eventId);
  }
  if (kind === 'employer') {
    // A charge with nothing left keeps one shared empty list, as the fold does (employer.evolve.ts).
    for (const charge of fields.charges as ChargeRecord[]) {
      if (charge.notComputed.length === 0) charge.notComputed = NONE;
      if (charge.basis.length === 0) charge.basis = NONE;
    }
  }
  if (kind === 'bank') {
    fields.credits = new Map((fields.credits as [EventRef, BankCreditStatus, string][])
      .map(([creditId, status, areaCode]) => [id(creditId), { status, areaCode }]));
    fields.decisionOf = new Map((fields.decisionOf as [EventRef, EventRef][]).map(([decisionId, creditId]) => [id(decisionId), id(creditId)]));
  }
  return { state: { kind, facts, ...fields } as StreamState, lastEventId: snapshot.last };
}

const NONE: readonly never[] = Object.freeze([]);

// An employer's assessments and collections, most of its snapshot, are written as rows (arrays in the
// record's field order) rather than objects, and an assessment's dues as the five amounts in FUNDS
// order, or 0 for "the same as the row before" (most months repeat the last: `fundsOnce`). Format 1
// wrote them as objects: 7.8 KB an employer snapshot on the 5M ledger, spilling past its page, read and
// parsed at every miss (docs/benchmarks.md, 'The 5M import completes').

/** [eventId, period, dueDate or null, dues: amounts, 0 (as the row before) or null (none)]. */
type AssessmentRow = [EventRef, IsoMonth, IsoDate | null, Money[] | 0 | null];
/** [eventId, collectedOn, amount, period?]. */
type CollectionRow = [EventRef, IsoDate, Money, IsoMonth?];

function assessmentRows(assessments: readonly AssessmentRecord[], ref: (eventId: string) => EventRef): AssessmentRow[] {
  let last: FundDues | undefined;
  return assessments.map(({ eventId, period, dueDate, funds }) => {
    const dues = funds === undefined ? null : last !== undefined && fundsOnce(last, funds) === last ? 0 : FUNDS.map((fund) => funds[fund]);
    last = funds;
    return [ref(eventId), period, dueDate ?? null, dues];
  });
}

function assessmentsOf(rows: readonly AssessmentRow[], id: (ref: EventRef) => string): AssessmentRecord[] {
  let last: FundDues | undefined;
  return rows.map(([eventId, period, dueDate, dues]) => {
    const funds = dues === null ? undefined : dues === 0 ? last : duesOf(dues);
    if (dues === 0 && funds === undefined) throw new Error('a snapshot repeats the dues of no assessment');
    last = funds;
    return { eventId: id(eventId), period, dueDate: dueDate ?? undefined, funds };
  });
}

function duesOf(amounts: readonly Money[]): FundDues {
  if (amounts.length !== FUNDS.length) throw new Error(`a snapshot's dues name ${amounts.length} funds`);
  const [pension, sickness, accident, health, unemployment] = amounts as [Money, Money, Money, Money, Money];
  return { pension, sickness, accident, health, unemployment };
}
