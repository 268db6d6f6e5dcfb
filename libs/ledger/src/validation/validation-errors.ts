import type { ValidationError } from 'class-validator';

/** One refused field, as the contract reports it: `{"field":"payer.unitCode","message":"..."}`. */
export interface FieldError {
  field: string;
  message: string;
}

/** A huge statement with every line wrong would otherwise answer with hundreds of thousands of errors. */
export const MAX_REPORTED_ERRORS = 100;

/**
 * Flattens class-validator's tree into dotted field paths (`payer.unitCode`, `lines.3.amount`).
 * An unknown field reads "is not allowed" whatever class-validator's wording.
 */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const flat: FieldError[] = [];
  const unreported = collect(errors, prefix, flat);
  if (unreported > 0) flat.push({ field: prefix || 'data', message: `and ${unreported} more errors not listed` });
  return flat;
}

/** Appends errors up to the limit; returns how many it had to leave out. */
function collect(errors: ValidationError[], prefix: string, flat: FieldError[]): number {
  let unreported = 0;
  for (const error of errors) {
    const field = error.property === undefined ? prefix : prefix ? `${prefix}.${error.property}` : error.property;
    for (const [type, message] of Object.entries(error.constraints ?? {})) {
      if (flat.length >= MAX_REPORTED_ERRORS) unreported++;
      else flat.push({ field: field || 'data', message: type === 'whitelistValidation' ? 'is not allowed' : message });
    }
    if (error.children?.length) unreported += collect(error.children, field, flat);
  }
  return unreported;
}

/**
 * Keys that class-transformer skips without a word because they name something every object has
 * (`__proto__`, `constructor`, `toString`, …). Whitelisting never sees them, so they are refused
 * here, lest a field silently vanish from a recorded command.
 */
export function reservedKeyErrors(value: unknown, prefix = ''): FieldError[] {
  const found: FieldError[] = [];
  walk(value, prefix, found);
  return found;
}

function walk(value: unknown, path: string, found: FieldError[]): void {
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) walk(value[index], join(path, String(index)), found);
    return;
  }
  for (const key of Object.keys(value)) {
    const field = join(path, key);
    if (key in Object.prototype) found.push({ field, message: 'is not allowed' });
    else walk((value as Record<string, unknown>)[key], field, found);
  }
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
