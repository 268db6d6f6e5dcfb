import { getMetadataStorage } from 'class-validator';
import { fieldSpecsOf, type DtoClass, type FieldSpec, type NestedSpec } from './field-specs.js';

/**
 * The fast path of command validation. The bulk import checks hundreds of thousands of lines, and
 * class-transformer plus class-validator spend most of their time on bookkeeping (metadata look-ups,
 * an error object per property, an instance per object). Most lines are valid, so this path checks
 * a command in one pass with the very predicates the decorators registered and builds the plain
 * command directly. It only ever ACCEPTS: whenever it sees anything wrong or unfamiliar it answers
 * undefined, and the caller runs the libraries, which then decide and word the errors. So an error
 * is always class-validator's, identical to what the HTTP ValidationPipe reports.
 */
export function fastNormalise(dtoClass: DtoClass, input: object): Record<string, unknown> | undefined {
  const plan = planFor(dtoClass);
  if (!plan) return undefined;
  const source = input as Record<string, unknown>;
  for (const key of Object.keys(source)) if (!plan.known.has(key)) return undefined;
  const normalised: Record<string, unknown> = {};
  for (const [name, spec] of plan.fields) {
    let value = Object.hasOwn(source, name) ? source[name] : undefined;
    if (spec.money && typeof value === 'number' && spec.rule.test(value)) value = String(value);
    if (value === undefined || value === null) {
      if (spec.optional) continue;
      return undefined;
    }
    if (!spec.rule.test(value)) return undefined;
    if (spec.nested) {
      value = normaliseNested(spec.nested, value);
      if (value === undefined) return undefined;
    }
    normalised[name] = value;
  }
  return normalised;
}

function normaliseNested(nested: NestedSpec, value: unknown): unknown {
  switch (nested.kind) {
    case 'object':
      return fastNormalise(nested.type(), value as object);
    case 'list': {
      const type = nested.type();
      const items = value as object[];
      const normalised = new Array<unknown>(items.length);
      for (let index = 0; index < items.length; index++) {
        const item = fastNormalise(type, items[index]);
        if (item === undefined) return undefined;
        normalised[index] = item;
      }
      return normalised;
    }
    case 'discriminated': {
      const name = (value as Record<string, unknown>)[nested.property];
      const subTypes = nested.subTypes();
      if (typeof name !== 'string' || !Object.hasOwn(subTypes, name)) return undefined;
      return fastNormalise(subTypes[name], value as object);
    }
  }
}

interface Plan {
  fields: [string, FieldSpec][];
  known: Set<string>;
}

const plans = new Map<Function, Plan | null>();

function planFor(dtoClass: DtoClass): Plan | null {
  let plan = plans.get(dtoClass);
  if (plan === undefined) {
    plan = buildPlan(dtoClass);
    plans.set(dtoClass, plan);
  }
  return plan;
}

function buildPlan(dtoClass: DtoClass): Plan | null {
  const specs = fieldSpecsOf(dtoClass);
  if (!specs || !describesAllMetadata(dtoClass, specs)) return null;
  // Fields in sorted name order: the command's canonical JSON (its content hash) then finds its keys
  // already sorted, instead of sorting them for every line of an import.
  const fields = [...specs.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { fields, known: new Set(specs.keys()) };
}

/**
 * The fast path knows only what the field decorators add. Should someone put a plain class-validator
 * decorator (or groups, or inheritance) on a DTO, its metadata no longer matches and the class
 * simply always takes the slow path: slower, never wrong.
 */
function describesAllMetadata(dtoClass: DtoClass, specs: ReadonlyMap<string, FieldSpec>): boolean {
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(dtoClass, '', false, false, undefined);
  const typesByProperty = new Map<string, string[]>();
  for (const metadata of metadatas) {
    if (metadata.groups?.length || metadata.always || metadata.validateIf) return false;
    const types = typesByProperty.get(metadata.propertyName) ?? [];
    types.push(metadata.each && metadata.type !== 'nestedValidation' ? 'each' : metadata.type);
    typesByProperty.set(metadata.propertyName, types);
  }
  if (typesByProperty.size !== specs.size) return false;
  for (const [name, spec] of specs) {
    const expected = ['customValidation'];
    if (spec.optional) expected.push('conditionalValidation');
    if (spec.nested) expected.push('nestedValidation');
    const actual = typesByProperty.get(name) ?? [];
    if (actual.sort().join() !== expected.sort().join()) return false;
  }
  return true;
}
