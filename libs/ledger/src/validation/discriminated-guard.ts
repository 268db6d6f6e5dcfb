import { fieldSpecsOf, type DtoClass } from './field-specs.js';
import type { FieldError } from './validation-errors.js';

/**
 * class-transformer reads the discriminator property of whatever a discriminated field holds, and an
 * array there (`"payer": [null]`) makes it read a property of null and throw. Such a value is simply
 * not an object: find it before class-transformer sees it and say so, as class-validator would.
 * Walks nested objects and lists too, with the same dotted field names as the other errors.
 */
export function nonObjectDiscriminatedFields(dtoClass: DtoClass, data: object, prefix = ''): FieldError[] {
  const specs = fieldSpecsOf(dtoClass);
  if (!specs) return [];
  const errors: FieldError[] = [];
  for (const [name, spec] of specs) {
    const value = (data as Record<string, unknown>)[name];
    if (!spec.nested || value === undefined || value === null) continue;
    const field = `${prefix}${name}`;
    if (spec.nested.kind === 'discriminated' && Array.isArray(value)) errors.push({ field, message: 'must be an object' });
    else if (spec.nested.kind === 'object' && isPlainObject(value)) errors.push(...nonObjectDiscriminatedFields(spec.nested.type(), value, `${field}.`));
    else if (spec.nested.kind === 'list' && Array.isArray(value)) {
      const type = spec.nested.type();
      value.forEach((item, index) => {
        if (isPlainObject(item)) errors.push(...nonObjectDiscriminatedFields(type, item, `${field}.${index}.`));
      });
    }
  }
  return errors;
}

function isPlainObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
