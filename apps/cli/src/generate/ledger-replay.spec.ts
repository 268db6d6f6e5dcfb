import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AreaDirectory, DomainError, decideCommand, evolveStream, initialStateFor, streamIdFor,
  type Command, type ContributionAssessed, type DecideContext, type StreamState,
} from '#domain';
import { generateCommands } from './index.js';
import { contributionDue } from './rules.js';

const referenceFile = (name: string) => ['reference-data', '/work/shared/data'].map((dir) => join(dir, name)).find((path) => existsSync(path))!;
const areas = AreaDirectory.fromCsv(
  readFileSync(referenceFile('areas-until-2025-06-30.csv'), 'utf8'),
  readFileSync(referenceFile('areas-from-2025-07-01.csv'), 'utf8'),
  readFileSync(referenceFile('province-succession-2025-07-01.csv'), 'utf8'),
);
const ctx: DecideContext = { areas, today: '2025-07-01' };

/**
 * Replays a generated file through the ledger's own pure deciders, stream by stream, exactly as an
 * import would record it, and returns every refusal plus the assessments the ledger computed.
 */
function replay(lines: Iterable<string>, context: DecideContext = ctx) {
  const states = new Map<string, StreamState>();
  const refusals: string[] = [];
  const assessments: ContributionAssessed[] = [];
  const registeredOn = new Map<string, string>();
  let position = 0;
  let lineNo = 0;
  for (const line of lines) {
    lineNo++;
    const command = JSON.parse(line) as Command;
    if (command.command === 'RegisterEmployer') registeredOn.set(command.data.unitCode, command.data.registeredOn);
    const streamId = streamIdFor(command);
    const state = states.get(streamId) ?? initialStateFor(streamId);
    states.set(streamId, state);
    try {
      for (const event of decideCommand(command, state, context)) {
        if (event.type === 'ContributionAssessed') assessments.push(event.data);
        evolveStream(state, { eventId: `e${position}`, type: event.type, data: event.data, revision: 0, position: position++ } as never);
      }
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (refusals.length < 20) refusals.push(`line ${lineNo} ${error.code}: ${error.message}`);
    }
  }
  return { refusals, assessments, registeredOn };
}

describe('generated files, replayed through the ledger deciders', () => {
  it('are accepted line by line (demo)', () => {
    const { refusals, assessments, registeredOn } = replay(generateCommands({ scenario: 'demo', seed: 1 }));
    expect(refusals).toEqual([]);
    // Every one of the scenario's 1,271 AssessContribution lines (generate.spec.ts) is checked below.
    expect(assessments).toHaveLength(1271);
    // The generator's "paid in full" is exactly the due the ledger computes, fund by fund.
    for (const assessed of assessments) {
      const due = contributionDue(assessed.period, BigInt(assessed.payroll), BigInt(assessed.unemploymentPayroll),
        assessed.headcount.socialInsurance, assessed.headcount.unemploymentInsurance, registeredOn.get(assessed.unitCode));
      expect(`${assessed.unitCode} ${assessed.period} ${assessed.due}`).toBe(`${assessed.unitCode} ${assessed.period} ${due}`);
    }
  });

  it('would show a refusal (the harness can fail)', () => {
    const lines = [...generateCommands({ scenario: 'demo', seed: 1 })];
    const assessment = lines.find((line) => line.includes('"AssessContribution"'))!;
    expect(replay([...lines.slice(0, lines.indexOf(assessment) + 1), assessment]).refusals).toEqual([
      `line ${lines.indexOf(assessment) + 2} PERIOD_ALREADY_ASSESSED: employer DN46100001 is already assessed for 2023-01; reverse that assessment first`,
    ]);
  });

  it('are accepted over nine years and several provinces, relief periods included', () => {
    const { refusals, assessments, registeredOn } = replay(generateCommands({ scenario: 'national', seed: 5, employers: 150, persons: 600, months: 114 }));
    expect(refusals).toEqual([]);
    // One assessment a line: 14,364 AssessContribution lines in this file, every one compared below.
    expect(assessments).toHaveLength(14_364);
    expect(assessments[0].period).toBe('2016-01');
    const mismatches = assessments.filter((assessed) =>
      contributionDue(assessed.period, BigInt(assessed.payroll), BigInt(assessed.unemploymentPayroll),
        assessed.headcount.socialInsurance, assessed.headcount.unemploymentInsurance, registeredOn.get(assessed.unitCode)).toString() !== assessed.due);
    expect(mismatches).toEqual([]);
  });

  it('are accepted across the 2025 reorganisation: districts before 2025-07-01, communes of 44 after (npm run demo)', () => {
    const { refusals, assessments } = replay(generateCommands({ scenario: 'reorganisation', seed: 1 }), { areas, today: '2026-12-31' });
    expect(refusals).toEqual([]);
    expect(assessments).toHaveLength(1963);
    expect([assessments[0].period, assessments.at(-1)!.period]).toEqual(['2024-07', '2026-06']);
  });

  it('would be refused had it kept an abolished district after 2025-07-01 (UNKNOWN_AREA)', () => {
    const lines = [...generateCommands({ scenario: 'reorganisation', seed: 1 })];
    const card = lines.find((line) => line.includes('"IssueCard"') && line.includes('"issuedOn":"2025-09'))!;
    const command = JSON.parse(card) as Command;
    if (command.command !== 'IssueCard') throw new Error('no card');
    const stale = JSON.stringify({ ...command, data: { ...command.data, areaCode: '465', cardNo: `${command.data.cardNo.slice(0, 3)}45${command.data.personId}`, personId: command.data.personId } });
    const { refusals } = replay([stale], { areas, today: '2026-12-31' });
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatch(/^line 1 UNKNOWN_AREA: area 465 does not exist on 2025-09-\d\d: Huyện Hướng Hóa ceased on 2025-07-01; its successor is 44/);
  });
});
