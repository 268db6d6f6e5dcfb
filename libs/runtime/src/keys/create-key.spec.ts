import { checkNewKey } from './create-key.js';

const known = new Set(['45', '465', '95', '954', '00004']);
const exists = (code: string) => known.has(code);

describe('checkNewKey', () => {
  it('accepts a name, a role and known areas, trimming the name and dropping repeated codes', () => {
    expect(checkNewKey({ name: ' clerk 954 ', role: 'clerk', areas: ['954', '465', '954'] }, exists)).toEqual({
      ok: true, key: { name: 'clerk 954', role: 'clerk', areas: ['954', '465'] },
    });
    expect(checkNewKey({ name: 'national auditor', role: 'auditor', areas: ['*'] }, exists)).toMatchObject({ ok: true });
  });

  it.each([
    ['an unknown role', { name: 'x', role: 'root', areas: ['*'] }, ['role']],
    ['an empty name', { name: '  ', role: 'clerk', areas: ['*'] }, ['name']],
    ['an unknown area', { name: 'x', role: 'clerk', areas: ['954', '999'] }, ['areas[1]']],
    ['a malformed area', { name: 'x', role: 'clerk', areas: [954] }, ['areas[0]']],
    ['"*" among codes', { name: 'x', role: 'clerk', areas: ['*', '45'] }, ['areas[0]']],
    ['no areas', { name: 'x', role: 'clerk', areas: [] }, ['areas']],
    ['areas as a text', { name: 'x', role: 'clerk', areas: '45' }, ['areas']],
    ['an unknown field', { name: 'x', role: 'clerk', areas: ['45'], key: 'sk_mine' }, ['key']],
    ['everything wrong', { role: 1 }, ['name', 'role', 'areas']],
  ])('refuses %s, naming the field', (_, body, fields) => {
    const checked = checkNewKey(body, exists);
    expect(checked.ok).toBe(false);
    expect(checked.ok ? [] : checked.errors.map((error) => error.field)).toEqual(fields);
  });

  it('refuses a body that is not an object', () => {
    expect(checkNewKey([], exists)).toEqual({ ok: false, errors: [{ field: 'body', message: 'must be a JSON object {name, role, areas}' }] });
  });
});
