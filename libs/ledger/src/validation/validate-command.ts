import { plainToInstance, type ClassTransformOptions } from 'class-transformer';
import { validateSync, type ValidatorOptions } from 'class-validator';
import { COMMAND_NAMES, type Command } from '#domain';
import { dtoClassFor } from './command-dtos.js';
import { fastNormalise } from './fast-path.js';
import type { DtoClass } from './field-specs.js';
import { flattenValidationErrors, reservedKeyErrors, type FieldError } from './validation-errors.js';
import { nonObjectDiscriminatedFields } from './discriminated-guard.js';

/**
 * The options every validation of a command uses, here and in the HTTP ValidationPipe, so that a
 * body and an import line with the same mistake get the same errors. Unknown fields are errors;
 * a field reports its first problem only; errors keep neither the target nor the value (a statement
 * of 200,000 lines should not be copied into its own error report).
 */
export const VALIDATION_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  stopAtFirstError: true,
  validationError: { target: false, value: false },
} as const satisfies ValidatorOptions;

/** No implicit conversion: "12" is not a count and 12 is not a code. */
export const TRANSFORM_OPTIONS = { enableImplicitConversion: false } as const satisfies ClassTransformOptions;

export type CommandValidation = { ok: true; command: Command } | { ok: false; errors: FieldError[] };

const UNKNOWN_COMMAND = `must be one of: ${COMMAND_NAMES.join(', ')}`;

/**
 * Validates and normalises one command (an import line, or an HTTP body with its path parameters
 * merged in). On success the command is a plain object with exactly the contract's fields, money as
 * decimal strings, and optional fields absent when not given.
 */
export function validateCommand(name: string, data: unknown): CommandValidation {
  const dtoClass = typeof name === 'string' ? dtoClassFor(name) : undefined;
  if (!dtoClass) return { ok: false, errors: [{ field: 'command', message: UNKNOWN_COMMAND }] };
  if (!isObject(data)) return { ok: false, errors: [{ field: 'data', message: 'must be an object' }] };
  const normalised = fastNormalise(dtoClass, data);
  if (normalised) return { ok: true, command: { command: name, data: normalised } as unknown as Command };
  return validateWithLibraries(name, dtoClass, data);
}

/**
 * The thorough path: class-transformer and class-validator with the shared options. It decides every
 * command the fast path did not accept, and words every error.
 */
export function validateWithLibraries(name: string, dtoClass: DtoClass, data: object): CommandValidation {
  const unreadable = nonObjectDiscriminatedFields(dtoClass, data);
  if (unreadable.length > 0) return { ok: false, errors: unreadable };
  const dto = plainToInstance(dtoClass, data, TRANSFORM_OPTIONS);
  const errors = [...reservedKeyErrors(data), ...flattenValidationErrors(validateSync(dto, VALIDATION_OPTIONS))];
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, command: { command: name, data: toPlainData(dto) } as Command };
}

function isObject(data: unknown): data is object {
  return typeof data === 'object' && data !== null && !Array.isArray(data);
}

/**
 * A validated DTO as a plain object: class instances become object literals and absent optional
 * fields (undefined, or null which means the same) disappear, so that equal commands serialise equally.
 */
export function toPlainData<T>(dto: T): T {
  return plain(dto) as T;
}

function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const field = (value as Record<string, unknown>)[key];
    if (field != null) copy[key] = plain(field);
  }
  return copy;
}
