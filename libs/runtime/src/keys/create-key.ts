import { textProblem, type FieldError } from '#ledger';
import type { NewKey } from './key-store.js';
import { EVERY_AREA, ROLES, isRole } from './roles.js';

const FIELDS = ['name', 'role', 'areas'];
const MAX_NAME = 100;
const MAX_AREAS = 100;

export type CreateKeyCheck = { ok: true; key: NewKey } | { ok: false; errors: FieldError[] };

/**
 * Checks `{name, role, areas}` for a new key. The name labels the key in the key list and beside its
 * id (`actor`) in the events it records, so it must be readable (and unique among live keys, which the
 * store checks); areas are `*` alone or codes of the GSO tables.
 */
export function checkNewKey(body: unknown, areaExists: (code: string) => boolean): CreateKeyCheck {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, errors: [{ field: 'body', message: 'must be a JSON object {name, role, areas}' }] };
  }
  const input = body as Record<string, unknown>;
  const errors: FieldError[] = Object.keys(input)
    .filter((field) => !FIELDS.includes(field))
    .map((field) => ({ field, message: 'is not a known field' }));
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (name === '' || name.length > MAX_NAME || /[\u0000-\u001f\u007f]/.test(name)) {
    errors.push({ field: 'name', message: `must be a text of 1 to ${MAX_NAME} printable characters` });
  } else if (textProblem(name, MAX_NAME) !== undefined) {
    errors.push({ field: 'name', message: textProblem(name, MAX_NAME)! });
  }
  if (!isRole(input.role)) errors.push({ field: 'role', message: `must be one of ${ROLES.join(', ')}` });
  errors.push(...checkAreas(input.areas, areaExists));
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, key: { name, role: input.role as NewKey['role'], areas: [...new Set(input.areas as string[])] } };
}

function checkAreas(areas: unknown, areaExists: (code: string) => boolean): FieldError[] {
  if (!Array.isArray(areas) || areas.length === 0 || areas.length > MAX_AREAS) {
    return [{ field: 'areas', message: `must be a list of 1 to ${MAX_AREAS} area codes, or ["*"]` }];
  }
  const errors: FieldError[] = [];
  areas.forEach((code, index) => {
    if (code === EVERY_AREA) {
      if (areas.length > 1) errors.push({ field: `areas[${index}]`, message: '"*" already covers every area and must stand alone' });
    } else if (typeof code !== 'string' || !/^(\d{2}|\d{3}|\d{5})$/.test(code) || !areaExists(code)) {
      errors.push({ field: `areas[${index}]`, message: 'must be "*" or a province, district or commune code of the GSO tables' });
    }
  });
  return errors;
}
