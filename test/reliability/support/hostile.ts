import fc from 'fast-check';
import { VALID_COMMANDS } from '../../../libs/ledger/src/validation/valid-commands.fixture.js';

/** Each command's route, for a base payload whose nested-route unit code goes into the path. */
export interface RouteCase {
  command: string;
  /** The route for a unit code (only the employer's nested routes use it). */
  path: (unitCode: string) => string;
  nested: boolean;
  base: Record<string, unknown>;
}

const ROUTES: Record<string, { path: (unitCode: string) => string; nested: boolean }> = {
  RegisterEmployer: { path: () => '/api/employers', nested: false },
  ChangeEmployerStatus: { path: (u) => `/api/employers/${encodeURIComponent(u)}/status-changes`, nested: true },
  AssessContribution: { path: (u) => `/api/employers/${encodeURIComponent(u)}/assessments`, nested: true },
  CollectContribution: { path: () => '/api/collections', nested: false },
  IssueBook: { path: () => '/api/books', nested: false },
  IssueCard: { path: () => '/api/cards', nested: false },
  PayBenefit: { path: () => '/api/benefit-payments', nested: false },
  AssessClaim: { path: () => '/api/claim-assessments', nested: false },
  AssignPlan: { path: () => '/api/plans', nested: false },
  RecordInspection: { path: () => '/api/inspections', nested: false },
  ReverseEntry: { path: () => '/api/reversals', nested: false },
  ReconcilePayouts: { path: () => '/api/payout-reconciliations', nested: false },
};

/** One valid base payload per command route (the first of each in the validation fixture). */
export const ROUTE_CASES: RouteCase[] = Object.entries(ROUTES).map(([command, route]) => {
  const valid = VALID_COMMANDS.find((c) => c.name === command);
  if (!valid) throw new Error(`no valid fixture for ${command}`);
  return { command, ...route, base: structuredClone(valid.data) };
});

/** Strings that have broken parsers, validators and databases before. */
const TRICKY_STRINGS = [
  '', ' ', '\u0000', '\u202e465', '\ufeff1000', '１２３', '٤٦٥', '1e3', '0x10', '-0', '00', '1.0', '+1', ' 1', '1 ',
  '1000000000000000000', '1000000000000000001', '9'.repeat(400), '2024-02-29', '2023-02-29', '2024-02-30', '2024-13',
  '2024-00', '0000-01-01', '9999-12-31', '2024-1-1', '2024-01-01T00:00:00Z', 'null', 'undefined', '__proto__',
  'constructor', 'toString', '<script>alert(1)</script>', "'; DROP TABLE events; --", '465\u0000', 'e\u0301', '🇻🇳',
  '\ud800', '\udfff', 'a'.repeat(65), 'TA0100A'.repeat(3), 'DN4950123456789'.toLowerCase(), '%00', '../..', '\r\n',
  // Issue 20: the amount bound and its neighbours, blank and broken names, periods far ahead.
  '1000000000000000', '1000000000000001', '999999999999999', '   ', '\t\n', 'Công ty\u0000', '\ud83dCông ty', 'Công ty\udc00',
  '2099-12', '2200-01', '9999-12',
];

/**
 * Cell texts that a spreadsheet opening a CSV export would run as formulas (issue 20, item 7): any
 * text field may carry one into `socai export … --format csv`.
 */
export const FORMULA_STRINGS = [
  "=cmd|' /C calc'!A0", "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", '@SUM(1+1)*cmd|\' /C calc\'!A0',
  '=HYPERLINK("http://evil.example","x")', '\t=1+1', '\r=1+1', '＝1+1', '-1000', '+1000',
];

/** Numbers at and around every boundary a money or count field has. */
const TRICKY_NUMBERS = [
  0, -0, -1, 1, 0.5, -0.5, 1e-7, 12.5, 2 ** 31, 2 ** 32, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, 2 ** 53 + 2,
  1e18, 1e21, 1e308, -1e308, Number.MIN_VALUE, 5e-324, 1e15, 1e15 + 1,
];

/**
 * Number literals JSON.parse reads as plain numbers (1e3 as 1000, -0 as 0) and the contract
 * refuses as amounts (issue 20): they only exist in the text, so a `literal` mutation writes one.
 */
export const LOOSE_LITERALS = ['1e3', '1E3', '1000.0', '-0', '-0.0', '1E+2', '2.5e-1', '1e999', '0.0', '1e15', '1.0e15'];
const LITERAL_MARKER = '\u0001loose-literal\u0001';

/** Any JSON value a hostile or careless client might send in place of a field. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TRICKY_STRINGS) },
  { weight: 1, arbitrary: fc.constantFrom(...FORMULA_STRINGS) },
  { weight: 2, arbitrary: fc.constantFrom(...TRICKY_NUMBERS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.constantFrom(true, false, null) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(100_000), [[[[[[[[[[[]]]]]]]]]]], { amount: '1' }, []) },
  // Issue 20: nesting that overflowed class-transformer's stack, and width that took it quadratic time.
  { weight: 1, arbitrary: fc.constantFrom(JSON.parse(deepArray(1_400)), JSON.parse(`{"a":${deepArray(40)}}`), manyKeys(20_000), [manyKeys(600), manyKeys(600)]) },
);

/** Content types a careless client sends: every route must take its own, or answer 415. */
export const hostileContentType = fc.constantFrom(
  'application/json', 'text/plain', 'text/csv', 'application/x-ndjson', 'application/x-www-form-urlencoded',
  'application/json; charset=latin1', 'application/octet-stream', 'multipart/form-data; boundary=x', 'application/merge-patch+json', '',
);

/** What is done to the valid base. */
export type Mutation =
  | { op: 'replace'; at: number; value: unknown }
  | { op: 'delete'; at: number }
  | { op: 'add'; key: string; value: unknown }
  | { op: 'whole'; value: unknown }
  | { op: 'raw'; text: string }
  | { op: 'literal'; at: number; text: string };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: hostileValue }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('add' as const), key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'command', 'data')), value: hostileValue }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('whole' as const), value: hostileValue }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('literal' as const), at: fc.nat(), text: fc.constantFrom(...LOOSE_LITERALS) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('raw' as const),
      text: fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.constantFrom('{', '{"a":', '[1,2', 'null', '"x"', '{"amount":1e999}', '\u0000{}', '{}{}', '{"__proto__":{"isAdmin":true}}')),
    }),
  },
);

/** The paths to every leaf and object of a value: ['payer', 'kind'], ['headcount'], … */
function pathsOf(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [];
  const paths: string[][] = [];
  for (const key of Object.keys(value)) {
    const path = [...prefix, key];
    paths.push(path);
    paths.push(...pathsOf((value as Record<string, unknown>)[key], path));
  }
  return paths;
}

/** Applies a mutation to a copy of the base; a `raw` mutation yields text sent as is. */
export function mutate(base: Record<string, unknown>, change: Mutation): unknown {
  if (change.op === 'whole') return change.value;
  if (change.op === 'raw') return { raw: change.text };
  const copy = structuredClone(base) as Record<string, any>;
  if (change.op === 'add') {
    Object.defineProperty(copy, change.key, { value: change.value, enumerable: true, configurable: true, writable: true });
    return copy;
  }
  const paths = pathsOf(copy);
  const path = paths[change.at % paths.length]!;
  let parent: any = copy;
  for (const key of path.slice(0, -1)) parent = parent[key];
  const last = path[path.length - 1]!;
  if (change.op === 'delete') delete parent[last];
  else if (change.op === 'literal') {
    parent[last] = LITERAL_MARKER;
    return { raw: JSON.stringify(copy).replace(JSON.stringify(LITERAL_MARKER), change.text) };
  } else parent[last] = change.value;
  return copy;
}

/** The body text for a mutated payload (JSON, or the raw text of a `raw` mutation). */
export function bodyText(payload: unknown): string {
  if (typeof payload === 'object' && payload !== null && 'raw' in payload && Object.keys(payload).length === 1) return String((payload as { raw: unknown }).raw);
  return JSON.stringify(payload) ?? 'null';
}

/** Arrays nested `depth` deep, as text: `[[[…]]]` (2 bytes a level). */
export function deepArray(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

/** An object of `count` fields no command knows: `{k0: 0, k1: 0, …}`. */
export function manyKeys(count: number): Record<string, number> {
  const fields: Record<string, number> = {};
  for (let index = 0; index < count; index++) fields[`k${index}`] = 0;
  return fields;
}

/**
 * Authorization headers a key guesser or a broken client sends (issue 20, item 6): none of them is
 * a valid key, so each must answer 401, or 429 once the address has sent too many.
 */
export const hostileAuthorization: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom('', 'Bearer', 'Bearer ', 'Basic YWRtaW46YWRtaW4=', 'bearer sk_', 'Bearer sk_' + 'A'.repeat(43), 'Bearer admin', 'Bearer \u0000', 'Token x'),
  fc.string({ unit: 'grapheme-ascii', maxLength: 60 }).map((text) => `Bearer sk_${text.replace(/\s/g, '')}`),
  fc.string({ unit: 'grapheme-ascii', maxLength: 80 }),
);

/**
 * Names for `POST /api/keys` (issue 20, item 5): a name already taken in another case or form, a
 * name of the bootstrap admin, and the strings above. Each answers 201, 400 or 409, never 5xx.
 */
export const hostileKeyName: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('admin', 'Admin', 'ADMIN', ' admin ', 'admin\u0000', 'clerk-461', 'CLERK-461', 'Cle\u0301rk', 'Clérk'),
  hostileValue,
);
