import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DomainEvent } from '../events.js';
import { AreaDirectory } from './area-directory.js';
import { businessDateOf, scopeCovers } from './key-scope.js';

const read = (name: string) => readFileSync(join(process.cwd(), 'reference-data', name), 'utf8');
const areas = AreaDirectory.fromCsv(read('areas-until-2025-06-30.csv'), read('areas-from-2025-07-01.csv'), read('province-succession-2025-07-01.csv'));

describe('scopeCovers: a key scope on a fact’s date (issue 28)', () => {
  it.each([
    ['465', '465', '2025-06-30', true],
    ['465', '465', '2026-01-10', false],
    ['465', '44', '2026-01-10', false],
    ['45', '465', '2024-05-01', true],
    ['44', '465', '2024-05-01', true],
    ['44', '19429', '2026-01-10', true],
    ['44', '01', '2026-01-10', false],
    ['95', '954', '2021-06-05', true],
    ['*', '465', '2026-01-10', true],
  ])('a key for %s and a fact in %s dated %s: %s', (scope, code, date, expected) => {
    expect(scopeCovers(areas, scope, code, date)).toBe(expected);
  });

  it.each([
    ['465', '465', true],
    ['44', '465', true],
    ['44', '45', true],
    ['45', '44', false],
    ['465', '44', false],
    ['954', '95', false],
  ])('undated (the guard, a repeat): a key for %s reaches %s on some day: %s', (scope, code, expected) => {
    expect(scopeCovers(areas, scope, code)).toBe(expected);
  });
});

describe('businessDateOf', () => {
  it('dates each fact by the day its area was checked on', () => {
    const events: DomainEvent[] = [
      { type: 'EmployerRelocated', data: { unitCode: 'QT00001', areaCode: '19429', fromAreaCode: '44', effectiveOn: '2025-09-01', reason: 'x' } },
      { type: 'BookIssued', data: { personId: '4500000001', areaCode: '465', issuedOn: '2024-03-01', reissue: false } },
      { type: 'PlanAssigned', data: { year: 2025, areaCode: '44', targets: { collection: '1', participants: { mandatorySocialInsurance: 1, voluntarySocialInsurance: 1, unemploymentInsurance: 1, healthInsurance: 1 } }, labourForce: 1, population: 1, assignedOn: '2025-01-10' } },
      {
        type: 'PayoutsReconciled',
        data: {
          statementRef: 'S', month: '2025-06', areaCode: '465', agent: 'a', reconciledOn: '2026-12-06', matched: { count: 0, amount: '0' },
          amountMismatches: { count: 0, amount: '0', items: [] }, missingInLedger: { count: 0, amount: '0', items: [] }, missingInStatement: { count: 0, amount: '0', items: [] },
        },
      },
    ];
    expect(events.map(businessDateOf)).toEqual(['2025-09-01', '2024-03-01', '2025-01-10', '2025-06-01']);
  });
});
