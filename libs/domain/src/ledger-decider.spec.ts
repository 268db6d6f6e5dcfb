import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AreaDirectory } from './areas/area-directory.js';
import type { Command } from './commands.js';
import type { DecideContext, StoredFact } from './decider.js';
import { DomainError } from './errors.js';
import {
  cloneStreamState, commandKeyOf, decideCommand, evolveStream, initialStateFor, streamIdFor, type StreamState,
} from './ledger-decider.js';

const read = (name: string) => readFileSync(join(process.cwd(), 'reference-data', name), 'utf8');
const ctx: DecideContext = {
  areas: AreaDirectory.fromCsv(read('areas-until-2025-06-30.csv'), read('areas-from-2025-07-01.csv'), read('province-succession-2025-07-01.csv')),
  today: '2021-07-05',
};

const register: Command = { command: 'RegisterEmployer', data: { unitCode: 'TA0100A', name: 'Công ty A', areaCode: '954', registeredOn: '2019-03-01' } };
const assessMay: Command = {
  command: 'AssessContribution',
  data: { unitCode: 'TA0100A', period: '2023-05', headcount: { socialInsurance: 1, healthInsurance: 1, unemploymentInsurance: 1 }, payroll: '1234567', assessedOn: '2023-05-02' },
};
const issueCard = (validFrom: string, validTo: string): Command => ({
  command: 'IssueCard', data: { cardNo: 'DN4959512345679', personId: '9512345679', areaCode: '954', validFrom, validTo, issuedOn: '2020-12-20' },
});
const reverse = (eventId: string): Command => ({ command: 'ReverseEntry', data: { eventId, reason: 'Nhập sai', reversedOn: '2023-06-02' } });

/** Plays the ledger: decide, then fold what was decided with fresh ids and positions. */
class StreamUnderTest {
  state: StreamState;
  private revision = -1;
  constructor(readonly streamId: string, private readonly positions: { next: number }) {
    this.state = initialStateFor(streamId);
  }
  record(command: Command): StoredFact[] {
    const facts = decideCommand(command, this.state, ctx).map((event) => ({
      ...event, eventId: `${this.streamId}#${++this.revision}`, revision: this.revision, position: this.positions.next++,
    }) as StoredFact);
    for (const fact of facts) this.state = evolveStream(this.state, fact);
    return facts;
  }
  refusal(command: Command): string | undefined {
    try {
      decideCommand(command, this.state, ctx);
      return undefined;
    } catch (error) {
      return error instanceof DomainError ? error.code : `not a DomainError: ${String(error)}`;
    }
  }
}

describe('streamIdFor', () => {
  it.each<[Command, string]>([
    [register, 'employer-TA0100A'],
    [assessMay, 'employer-TA0100A'],
    [{ command: 'CollectContribution', data: { receiptNo: 'R1', payer: { kind: 'employer', unitCode: 'TA0100A' }, amount: '1', collectedOn: '2021-01-01' } }, 'employer-TA0100A'],
    [{ command: 'CollectContribution', data: { receiptNo: 'R2', payer: { kind: 'person', personId: '9512345678', scheme: 'voluntary-social-insurance', coverFrom: '2021-01', coverTo: '2021-12' }, amount: '1', collectedOn: '2021-01-01' } }, 'person-9512345678'],
    [issueCard('2021-01-01', '2021-12-31'), 'person-9512345679'],
    [{ command: 'AssessClaim', data: { assessmentRef: 'A', facilityCode: '95001', areaCode: '954', period: '2021-06', visits: { outpatient: 1, inpatient: 0 }, requested: '2', approved: '1', assessedOn: '2021-07-15' } }, 'facility-95001'],
    [{ command: 'AssignPlan', data: { year: 2021, areaCode: '95', targets: { collection: '1', participants: { mandatorySocialInsurance: 1, voluntarySocialInsurance: 1, unemploymentInsurance: 1, healthInsurance: 1 } }, labourForce: 1, population: 1, assignedOn: '2021-01-10' } }, 'plan-95-2021'],
    [{ command: 'ReconcilePayouts', data: { statementRef: 'S', month: '2021-06', areaCode: '954', agent: 'VNPost', lines: [] } }, 'payout-954-2021-06'],
  ])('%#: routes to %s', (command, streamId) => {
    expect(streamIdFor(command)).toBe(streamId);
    expect(initialStateFor(streamId).kind).toBe(streamId.split('-')[0]);
  });

  it('leaves a reversal to the ledger, and knows no other stream type', () => {
    expect(() => streamIdFor(reverse('x'))).toThrow('resolve it from the store');
    expect(() => initialStateFor('ledger-1')).toThrow('no stream type');
  });
});

describe('commandKeyOf', () => {
  it.each<[Command, string]>([
    [register, 'RegisterEmployer:TA0100A'],
    [assessMay, 'AssessContribution:TA0100A:2023-05'],
    [{ command: 'ChangeEmployerStatus', data: { unitCode: 'X', status: 'dissolved', effectiveOn: '2024-01-01', reason: 'r' } }, 'ChangeEmployerStatus:X:dissolved:2024-01-01'],
    [{ command: 'IssueBook', data: { personId: '9512345679', areaCode: '954', issuedOn: '2021-03-03' } }, 'IssueBook:9512345679:2021-03-03'],
    [issueCard('2021-01-01', '2021-12-31'), 'IssueCard:DN4959512345679:2021-01-01'],
    [{ command: 'CollectContribution', data: { receiptNo: 'BL-R-0001', payer: { kind: 'employer', unitCode: 'X' }, amount: '1', collectedOn: '2021-01-01' } }, 'CollectContribution:BL-R-0001'],
    [{ command: 'PayBenefit', data: { paymentRef: 'P1', personId: '1', benefit: 'pension', payoutMonth: '2021-06', amount: '1', channel: 'office', areaCode: '954', paidOn: '2021-06-01' } }, 'PayBenefit:P1'],
    [{ command: 'AssessClaim', data: { assessmentRef: 'GD-1', facilityCode: 'F', areaCode: '954', period: '2021-06', visits: { outpatient: 1, inpatient: 0 }, requested: '2', approved: '1', assessedOn: '2021-07-15' } }, 'AssessClaim:GD-1'],
    [{ command: 'AssignPlan', data: { year: 2021, areaCode: '95', targets: { collection: '1', participants: { mandatorySocialInsurance: 1, voluntarySocialInsurance: 1, unemploymentInsurance: 1, healthInsurance: 1 } }, labourForce: 1, population: 1, assignedOn: '2021-01-10' } }, 'AssignPlan:2021:95:2021-01-10'],
    [{ command: 'RecordInspection', data: { inspectionId: 'TT-1', unitCode: 'X', inspectedOn: '2021-04-20', unannounced: false, arrearsFound: '0' } }, 'RecordInspection:TT-1'],
    [reverse('e-1'), 'ReverseEntry:e-1'],
    [{ command: 'ReconcilePayouts', data: { statementRef: 'S-1', month: '2021-06', areaCode: '954', agent: 'VNPost', lines: [] } }, 'ReconcilePayouts:S-1'],
  ])('%#: %s', (command, key) => {
    expect(commandKeyOf(command)).toBe(key);
  });
});

describe('evolveStream and decideCommand together', () => {
  it('frees an assessed period when its assessment is reversed, and keeps it taken otherwise', () => {
    const employer = new StreamUnderTest('employer-TA0100A', { next: 1 });
    employer.record(register);
    const [assessed] = employer.record(assessMay);
    expect(assessed.data).toMatchObject({ areaCode: '954', due: '395062', dueDate: '2023-05-31' });
    expect(employer.refusal(assessMay)).toBe('PERIOD_ALREADY_ASSESSED');

    const [reversal] = employer.record(reverse(assessed.eventId));
    expect(reversal).toStrictEqual({
      type: 'EntryReversed',
      eventId: 'employer-TA0100A#2',
      revision: 2,
      position: 3,
      data: { eventId: 'employer-TA0100A#1', reversedType: 'ContributionAssessed', reversedPosition: 2, reason: 'Nhập sai', reversedOn: '2023-06-02', areaCode: '954' },
    });
    // The ledger reads this to tell a freed key from a taken one.
    expect(employer.state.facts.get(assessed.revision)?.reversed).toBe(true);
    expect(employer.refusal(reverse(assessed.eventId))).toBe('ALREADY_REVERSED');

    const [reassessed] = employer.record(assessMay);
    expect(reassessed.type).toBe('ContributionAssessed');
    expect(employer.refusal(assessMay)).toBe('PERIOD_ALREADY_ASSESSED');
  });

  it('frees a card\'s validity when the card is reversed', () => {
    const person = new StreamUnderTest('person-9512345679', { next: 10 });
    const [card] = person.record(issueCard('2021-01-01', '2021-12-31'));
    expect(person.refusal(issueCard('2021-06-01', '2022-05-31'))).toBe('CARD_PERIOD_OVERLAP');
    person.record(reverse(card.eventId));
    expect(person.record(issueCard('2021-06-01', '2022-05-31'))).toHaveLength(1);
    expect(person.refusal(issueCard('2022-05-31', '2022-12-31'))).toBe('CARD_PERIOD_OVERLAP');
  });

  it('folds in place and returns the same object; a clone stays behind', () => {
    const employer = new StreamUnderTest('employer-TA0100A', { next: 1 });
    employer.record(register);
    const before = employer.state;
    const snapshot = cloneStreamState(before);
    employer.record(assessMay);
    expect(employer.state).toBe(before);
    expect(before.facts.size).toBe(2);
    expect(snapshot.facts.size).toBe(1);
    expect(decideCommand(assessMay, snapshot, ctx)).toHaveLength(1);
  });

  it('refuses to decide against the state of another stream type', () => {
    expect(() => decideCommand(assessMay, initialStateFor('person-1'), ctx)).toThrow('needs a employer stream');
  });

  it('decides the contract check\'s Bạc Liêu commands against the real area tables', () => {
    const employer = new StreamUnderTest('employer-BL00001', { next: 1 });
    employer.record({ command: 'RegisterEmployer', data: { unitCode: 'BL00001', name: 'Công ty Thủy sản Bạc Liêu', areaCode: '954', registeredOn: '2019-03-01' } });
    const headcount = { socialInsurance: 10, healthInsurance: 10, unemploymentInsurance: 10 };
    const dues = ['2021-05', '2021-06', '2021-08', '2021-11'].map((period) =>
      employer.record({ command: 'AssessContribution', data: { unitCode: 'BL00001', period, headcount, payroll: '50000000', assessedOn: `${period}-01` } })[0].data);
    expect(dues.map((data) => (data as { due: string }).due)).toEqual(['16000000', '16000000', '15750000', '15250000']);
    expect(employer.record({ command: 'ChangeEmployerStatus', data: { unitCode: 'BL00001', status: 'active', effectiveOn: '2021-06-30', reason: 'Xác nhận hoạt động' } })).toHaveLength(1);
    expect(employer.refusal({ command: 'ChangeEmployerStatus', data: { unitCode: 'BL00001', status: 'active', effectiveOn: '2021-07-01', reason: 'again' } })).toBe('STATUS_UNCHANGED');

    const voluntary = new StreamUnderTest('person-9512345678', { next: 100 });
    const [collected] = voluntary.record({
      command: 'CollectContribution',
      data: { receiptNo: 'BL-V-0001', payer: { kind: 'person', personId: '9512345678', scheme: 'voluntary-social-insurance', coverFrom: '2021-01', coverTo: '2021-12' }, amount: '3960000', collectedOn: '2021-02-01' },
    });
    expect(collected.data).toMatchObject({ areaCode: '95' });
  });
});
