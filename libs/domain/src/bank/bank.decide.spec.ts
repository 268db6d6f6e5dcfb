import type { Command } from '../commands.js';
import type { DomainEvent } from '../events.js';
import { commandKeyOf, streamIdFor } from '../ledger-decider.js';
import { given } from '../testing/decider-scenario.js';

const stream = 'bank-0071000123456';
const credit = {
  account: '0071000123456', bankRef: 'FT23305000001', valueDate: '2023-11-01', amount: '32635000',
  description: 'BHXH T10/2023 TA0100A', counterparty: { name: 'CONG TY TNHH MIA DUONG', account: '0451000234567' }, areaCode: '45',
};
const received: DomainEvent = { type: 'BankCreditReceived', data: credit };
const decision = { account: '0071000123456', creditId: 'evt-0', unitCode: 'TA0100A', period: '2023-10', reason: 'unit code TA0100A', decidedOn: '2023-11-02', collectionEventId: 'employer-TA0100A#5' };
const match: Command = { command: 'MatchBankCredit', data: decision };
const assign: Command = { command: 'AssignBankCredit', data: { ...decision, reason: 'Kế toán đối chiếu' } };
const giveBack: Command = { command: 'ReturnBankCredit', data: { account: '0071000123456', creditId: 'evt-0', reason: 'Nộp nhầm', returnedOn: '2023-11-03' } };

describe('a collection account\'s stream (issue 24)', () => {
  it('keys a credit by account+bankRef and a decision by the credit, on bank-{account}', () => {
    expect(streamIdFor({ command: 'ReceiveBankCredit', data: credit })).toBe(stream);
    expect(commandKeyOf({ command: 'ReceiveBankCredit', data: credit })).toBe('ImportBankStatement:0071000123456:FT23305000001');
    expect([commandKeyOf(match), commandKeyOf(assign), commandKeyOf(giveBack)]).toEqual(['MatchBankCredit:evt-0', 'AssignBankCredit:evt-0', 'ReturnBankCredit:evt-0']);
  });

  it('records a credit, then one decision on it in the account\'s area', () => {
    given(stream).when({ command: 'ReceiveBankCredit', data: credit }).then([received]);
    given(stream, received).when(match).then([{ type: 'BankCreditMatched', data: { ...decision, areaCode: '45' } }]);
    given(stream, received).when(giveBack).then([{ type: 'BankCreditReturned', data: { ...(giveBack.data as object), areaCode: '45' } as never }]);
  });

  it('records a decision naming a person\'s collection instead of an employer', () => {
    const { unitCode: _unitCode, period: _period, ...rest } = decision;
    const person = { ...rest, personId: '4512345678', scheme: 'voluntary-social-insurance' as const, coverFrom: '2023-10', coverTo: '2023-12', collectionEventId: 'person-4512345678#2' };
    given(stream, received).when({ command: 'MatchBankCredit', data: person }).then([{ type: 'BankCreditMatched', data: { ...person, areaCode: '45' } }]);
  });

  it('refuses a second decision, and a decision on a credit it does not hold', () => {
    const matched: DomainEvent = { type: 'BankCreditMatched', data: { ...decision, areaCode: '45' } };
    given(stream, received, matched).when(assign).thenRefuses('CREDIT_ALREADY_DECIDED');
    given(stream, received, matched).when(giveBack).thenRefuses('CREDIT_ALREADY_DECIDED');
    given(stream).when(assign).thenRefuses('EVENT_NOT_FOUND');
  });

  it('puts a credit back in suspense when its match is reversed, so a clerk can assign it', () => {
    const matched: DomainEvent = { type: 'BankCreditMatched', data: { ...decision, areaCode: '45' } };
    const reversed: DomainEvent = { type: 'EntryReversed', data: { eventId: 'evt-1', reversedType: 'BankCreditMatched' as never, reversedPosition: 101, reason: 'Khớp nhầm', reversedOn: '2023-11-20', areaCode: '45' } };
    given(stream, received, matched, reversed).when(assign).then([{ type: 'BankCreditAssigned', data: { ...decision, reason: 'Kế toán đối chiếu', areaCode: '45' } }]);
  });
});
