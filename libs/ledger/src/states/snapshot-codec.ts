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
 * written as rows: assessmentRows), and its fact index packed (PackedFactIndex.toSnapshot). Records
 * name their facts by revision, as the states do (format 3: formats 1 and 2 named them by eventId).
 *
 * SNAPSHOT_FORMAT names what a snapshot holds: a row of another format is ignored and the stream read
 * instead. Bump it whenever a state's fields change (STATE_FIELDS below will not compile until they
 * match the domain's types), whenever what a fold keeps of an event changes (the evolve functions,
 * the upcasters), or when this codec changes; snapshot-codec.spec.ts holds each format's fields and one
 * encoded state of each kind, and fails until the format is bumped and they are recorded under it.
 */
export const SNAPSHOT_FORMAT = 3;

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
  statusChange: keysOf<StatusChangeRecord>()(['revision', 'status', 'effectiveOn']),
  assessment: keysOf<AssessmentRecord>()(['revision', 'period', 'dueDate', 'funds']),
  collection: keysOf<CollectionRecord>()(['revision', 'collectedOn', 'amount', 'period']),
  charge: keysOf<ChargeRecord>()(['revision', 'month', 'to', 'notComputed', 'basis', 'closedOn', 'byFund']),
  relocation: keysOf<RelocationRecord>()(['revision', 'areaCode', 'effectiveOn']),
  profileChange: keysOf<ProfileChangeRecord>()(['revision', 'effectiveOn', 'wageRegion', 'sector', 'highRiskApproval']),
  suspension: keysOf<SuspensionRecord>()(['revision', 'fund', 'from', 'to', 'decisionRef']),
  person: keysOf<PersonState>()(['kind', 'facts', 'cards', 'relocations']),
  card: keysOf<CardRecord>()(['revision', 'cardNo', 'validFrom', 'validTo']),
  personRelocation: keysOf<PersonRelocationRecord>()(['revision', 'effectiveOn']),
  facility: keysOf<FacilityState>()(['kind', 'facts']),
  plan: keysOf<PlanState>()(['kind', 'facts']),
  payout: keysOf<PayoutState>()(['kind', 'facts']),
  rules: keysOf<InterestRulesState>()(['kind', 'facts']),
  bank: keysOf<BankState>()(['kind', 'facts', 'credits', 'decisionOf']),
} as const;

/** The record arrays of each kind's state, whose records name a fact of the stream by its revision. */
const RECORD_ARRAYS: Record<StreamKind, readonly string[]> = {
  employer: ['statusChanges', 'assessments', 'collections', 'charges', 'relocations', 'profileChanges', 'suspensions'],
  person: ['cards', 'relocations'],
  facility: [],
  plan: [],
  payout: [],
  rules: [],
  bank: [],
};

/** What a snapshot's JSON holds: the kind, the facts, the rest of the state. */
interface Encoded {
  kind: StreamKind;
  facts: PackedFactsSnapshot;
  state: Record<string, unknown>;
}

/** The snapshot of a state. Only states holding a PackedFactIndex (the ledger's cache's). */
export function encodeSnapshot(state: StreamState): string {
  const facts = state.facts;
  if (!(facts instanceof PackedFactIndex)) throw new TypeError('a snapshot packs the ledger cache\'s states only (PackedFactIndex)');
  const { kind, facts: _facts, ...rest } = state as StreamState & Record<string, unknown>;
  const encoded: Record<string, unknown> = { ...rest };
  if (kind === 'employer') {
    const employer = state as EmployerState;
    encoded.assessments = assessmentRows(employer.assessments);
    encoded.collections = employer.collections.map(({ revision, collectedOn, amount, period }) =>
      period === undefined ? [revision, collectedOn, amount] : [revision, collectedOn, amount, period]);
  }
  if (kind === 'bank') {
    const bank = state as BankState;
    encoded.credits = [...bank.credits].map(([creditId, credit]) => [creditId, credit.status, credit.areaCode]);
    encoded.decisionOf = [...bank.decisionOf];
  }
  const snapshot: Encoded = { kind, facts: facts.toSnapshot(), state: encoded };
  return JSON.stringify(snapshot);
}

/** The state a snapshot holds; throws when it is not one of `kind` or cannot be read (the caller reads the stream). */
export function decodeSnapshot(text: string, kind: StreamKind): StreamState {
  const snapshot = JSON.parse(text) as Encoded;
  if (snapshot.kind !== kind) throw new Error(`a ${snapshot.kind} snapshot for a ${kind} stream`);
  const facts = PackedFactIndex.fromSnapshot(snapshot.facts);
  const fields = snapshot.state;
  if (kind === 'employer') {
    fields.assessments = assessmentsOf(fields.assessments as AssessmentRow[]);
    fields.collections = (fields.collections as CollectionRow[]).map(([revision, collectedOn, amount, period]): CollectionRecord =>
      period === undefined ? { revision, collectedOn, amount } : { revision, collectedOn, amount, period });
    // A charge with nothing left keeps one shared empty list, as the fold does (employer.evolve.ts).
    for (const charge of fields.charges as ChargeRecord[]) {
      if (charge.notComputed.length === 0) charge.notComputed = NONE;
      if (charge.basis.length === 0) charge.basis = NONE;
    }
  }
  for (const field of RECORD_ARRAYS[kind]) {
    for (const { revision } of fields[field] as { revision: unknown }[]) {
      if (!(Number.isInteger(revision) && (revision as number) >= 0 && (revision as number) < facts.size)) {
        throw new Error(`a snapshot's ${field} name fact ${String(revision)} of ${facts.size}`);
      }
    }
  }
  if (kind === 'bank') {
    fields.credits = new Map((fields.credits as [string, BankCreditStatus, string][])
      .map(([creditId, status, areaCode]) => [creditId, { status, areaCode }]));
    fields.decisionOf = new Map(fields.decisionOf as [string, string][]);
  }
  return { kind, facts, ...fields } as StreamState;
}

const NONE: readonly never[] = Object.freeze([]);

// An employer's assessments and collections, most of its snapshot, are written as rows (arrays in the
// record's field order) rather than objects, and an assessment's dues as the five amounts in FUNDS
// order, or 0 for "the same as the row before" (most months repeat the last: `fundsOnce`). Format 1
// wrote them as objects: 7.8 KB an employer snapshot on the 5M ledger, spilling past its page, read and
// parsed at every miss (docs/benchmarks.md, 'The 5M import completes').

/** [revision, period, dueDate or null, dues: amounts, 0 (as the row before) or null (none)]. */
type AssessmentRow = [number, IsoMonth, IsoDate | null, Money[] | 0 | null];
/** [revision, collectedOn, amount, period?]. */
type CollectionRow = [number, IsoDate, Money, IsoMonth?];

function assessmentRows(assessments: readonly AssessmentRecord[]): AssessmentRow[] {
  let last: FundDues | undefined;
  return assessments.map(({ revision, period, dueDate, funds }) => {
    const dues = funds === undefined ? null : last !== undefined && fundsOnce(last, funds) === last ? 0 : FUNDS.map((fund) => funds[fund]);
    last = funds;
    return [revision, period, dueDate ?? null, dues];
  });
}

function assessmentsOf(rows: readonly AssessmentRow[]): AssessmentRecord[] {
  let last: FundDues | undefined;
  return rows.map(([revision, period, dueDate, dues]) => {
    const funds = dues === null ? undefined : dues === 0 ? last : duesOf(dues);
    if (dues === 0 && funds === undefined) throw new Error('a snapshot repeats the dues of no assessment');
    last = funds;
    return { revision, period, dueDate: dueDate ?? undefined, funds };
  });
}

function duesOf(amounts: readonly Money[]): FundDues {
  if (amounts.length !== FUNDS.length) throw new Error(`a snapshot's dues name ${amounts.length} funds`);
  const [pension, sickness, accident, health, unemployment] = amounts as [Money, Money, Money, Money, Money];
  return { pension, sickness, accident, health, unemployment };
}
