import type { FieldError } from './validation-errors.js';

/**
 * Bounds on the shape of a parsed JSON body or import line, checked before validation. The
 * validation libraries take time quadratic in the keys of one object (100,000 unknown fields held
 * the event loop ≈ 5 s) and recurse once per level of nesting (1,400 levels overflow the stack).
 */
export interface JsonShapeLimits {
  /** Keys in any one object (SOCAI_MAX_JSON_KEYS). */
  maxKeys: number;
  /** Keys and array items in the whole body or line, all levels together (SOCAI_MAX_JSON_VALUES). */
  maxValues: number;
  /** Levels of objects and arrays, the outermost being 1 (SOCAI_MAX_JSON_DEPTH). */
  maxDepth: number;
}

/** No command object has more than a dozen fields, nor more than four levels. */
export const DEFAULT_JSON_SHAPE_LIMITS: JsonShapeLimits = { maxKeys: 1_000, maxValues: 100_000, maxDepth: 32 };

interface Container {
  value: object;
  depth: number;
  parent?: Container;
  key?: string | number;
}

/**
 * The first bound a parsed JSON value breaks, as a field error (the path of the object or array at
 * fault, `whole` for the outermost), or undefined. Walks with its own stack, never recursion, and
 * counts before it descends, so it takes time and memory linear in the values, at most `maxValues`.
 */
export function jsonShapeError(value: unknown, limits: JsonShapeLimits, whole: 'body' | 'line'): FieldError | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const stack: Container[] = [{ value, depth: 1 }];
  let values = 0;
  while (stack.length > 0) {
    const container = stack.pop()!;
    if (container.depth > limits.maxDepth) {
      return { field: pathOf(container, whole), message: `nested deeper than ${limits.maxDepth} levels (SOCAI_MAX_JSON_DEPTH)` };
    }
    const depth = container.depth + 1;
    if (Array.isArray(container.value)) {
      const items = container.value as unknown[];
      values += items.length;
      if (values > limits.maxValues) return tooManyValues(limits, whole);
      for (let index = 0; index < items.length; index++) {
        const item = items[index];
        if (typeof item === 'object' && item !== null) stack.push({ value: item, depth, parent: container, key: index });
      }
      continue;
    }
    const keys = Object.keys(container.value);
    if (keys.length > limits.maxKeys) {
      return { field: pathOf(container, whole), message: `an object may hold at most ${limits.maxKeys} keys (SOCAI_MAX_JSON_KEYS); this one has ${keys.length}` };
    }
    values += keys.length;
    if (values > limits.maxValues) return tooManyValues(limits, whole);
    for (const key of keys) {
      const item = (container.value as Record<string, unknown>)[key];
      if (typeof item === 'object' && item !== null) stack.push({ value: item, depth, parent: container, key });
    }
  }
  return undefined;
}

function tooManyValues(limits: JsonShapeLimits, whole: 'body' | 'line'): FieldError {
  return { field: whole, message: `a ${whole} may hold at most ${limits.maxValues} keys and array items in all (SOCAI_MAX_JSON_VALUES)` };
}

/** `lines.3.amount`, like the paths of validation errors; the outermost value is `whole`. */
function pathOf(container: Container, whole: string): string {
  const keys: (string | number)[] = [];
  for (let at: Container | undefined = container; at?.parent !== undefined; at = at.parent) keys.push(at.key!);
  return keys.length === 0 ? whole : keys.reverse().join('.');
}
