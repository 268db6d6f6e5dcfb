import type { FieldRule } from './field-rules.js';

export type DtoClass = new () => object;

/** A nested DTO: one object, a list of objects, or one object whose class a property names. */
export type NestedSpec =
  | { kind: 'object'; type: () => DtoClass }
  | { kind: 'list'; type: () => DtoClass }
  | { kind: 'discriminated'; property: string; subTypes: () => Readonly<Record<string, DtoClass>> };

/**
 * What the field decorators state about one field, kept so that the fast path of
 * `validateCommand` can check a command in one pass without class-transformer and class-validator.
 */
export interface FieldSpec {
  rule: FieldRule;
  optional: boolean;
  /** A safe JSON integer is turned into its decimal string before the rule is applied. */
  money: boolean;
  nested?: NestedSpec;
}

const specsByClass = new Map<Function, Map<string, FieldSpec>>();

/** Records a field's spec; used by the field decorators, next to the class-validator metadata they add. */
export function DescribeField(spec: FieldSpec): PropertyDecorator {
  return (target, property) => {
    const owner = target.constructor;
    let specs = specsByClass.get(owner);
    if (!specs) specsByClass.set(owner, (specs = new Map()));
    specs.set(String(property), spec);
  };
}

export function fieldSpecsOf(dtoClass: Function): ReadonlyMap<string, FieldSpec> | undefined {
  return specsByClass.get(dtoClass);
}
