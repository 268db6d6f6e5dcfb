import type { Command } from '../commands.js';
import type { DomainEvent } from '../events.js';
import { given } from '../testing/decider-scenario.js';

const stream = 'person-9512345679';
const card = (cardNo: string, validFrom: string, validTo: string, areaCode = '954', issuedOn = '2020-12-20') => ({
  cardNo, personId: '9512345679', areaCode, validFrom, validTo, issuedOn,
});
const issueCard = (...args: Parameters<typeof card>): Command => ({ command: 'IssueCard', data: card(...args) });
const cardIssued = (...args: Parameters<typeof card>): DomainEvent => ({ type: 'CardIssued', data: card(...args) });
const card2021 = cardIssued('DN4959512345679', '2021-01-01', '2021-12-31');
const bookIssued: DomainEvent = { type: 'BookIssued', data: { personId: '9512345679', areaCode: '956', issuedOn: '2021-03-03', reissue: false } };

describe('IssueBook', () => {
  it('issues a book, not a reissue unless said so', () => {
    given(stream).when({ command: 'IssueBook', data: { personId: '9512345679', areaCode: '956', issuedOn: '2021-03-03' } }).then([bookIssued]);
    given(stream, bookIssued).when({ command: 'IssueBook', data: { personId: '9512345679', areaCode: '956', issuedOn: '2022-03-03', reissue: true } })
      .then([{ type: 'BookIssued', data: { personId: '9512345679', areaCode: '956', issuedOn: '2022-03-03', reissue: true } }]);
  });
  it('refuses an area not in force on the issue date', () => {
    given(stream).when({ command: 'IssueBook', data: { personId: '9512345679', areaCode: '956', issuedOn: '2025-07-01' } }).thenRefuses('UNKNOWN_AREA');
  });
});

describe('IssueCard', () => {
  it('issues a card, and another that starts the day after the first ends', () => {
    given(stream).when(issueCard('DN4959512345679', '2021-01-01', '2021-12-31')).then([card2021]);
    given(stream, card2021).when(issueCard('DN4959512345679', '2022-01-01', '2022-12-31', '954', '2021-12-20'))
      .then([cardIssued('DN4959512345679', '2022-01-01', '2022-12-31', '954', '2021-12-20')]);
  });
  it('refuses a card whose validity overlaps a card the person holds, by even one day', () => {
    given(stream, card2021).when(issueCard('DN4959512345679', '2021-06-01', '2022-05-31', '954', '2021-05-20')).thenRefuses('CARD_PERIOD_OVERLAP');
    given(stream, card2021).when(issueCard('HN4959512345679', '2020-01-01', '2021-01-01')).thenRefuses('CARD_PERIOD_OVERLAP');
    given(stream, card2021).when(issueCard('HN4959512345679', '2021-12-31', '2022-12-31')).thenRefuses('CARD_PERIOD_OVERLAP');
  });
  it('issues a card over the period of a reversed card', () => {
    const reversed: DomainEvent = {
      type: 'EntryReversed',
      data: { eventId: 'evt-0', reversedType: 'CardIssued', reversedPosition: 100, reason: 'Cấp nhầm', reversedOn: '2021-01-05', areaCode: '954' },
    };
    given(stream, card2021, reversed).when(issueCard('DN4959512345679', '2021-06-01', '2022-05-31', '954', '2021-05-20'))
      .then([cardIssued('DN4959512345679', '2021-06-01', '2022-05-31', '954', '2021-05-20')]);
  });
  it('refuses a card that ends before it starts, and an unknown area', () => {
    given(stream).when(issueCard('DN4959512345679', '2021-12-31', '2021-01-01')).thenRefuses('INVALID_PERIOD');
    given(stream).when(issueCard('DN4959512345679', '2021-01-01', '2021-12-31', '31942')).thenRefuses('UNKNOWN_AREA');
  });
});

describe('PayBenefit', () => {
  const payment = (areaCode: string) => ({
    paymentRef: 'BL-P-2021-06-1', personId: '9512345679', benefit: 'pension' as const, payoutMonth: '2021-06', amount: '4500000',
    channel: 'post-office-cash' as const, areaCode, paidOn: '2021-06-05',
  });
  it('records the payment', () => {
    given(stream).when({ command: 'PayBenefit', data: payment('954') }).then([{ type: 'BenefitPaid', data: payment('954') }]);
  });
  it('refuses an unknown area', () => {
    given(stream).when({ command: 'PayBenefit', data: payment('999') }).thenRefuses('UNKNOWN_AREA');
  });
});

describe('CollectContribution from a person', () => {
  const payer = (personId = '9512345679') => ({
    kind: 'person' as const, personId, scheme: 'voluntary-social-insurance' as const, coverFrom: '2021-01', coverTo: '2021-12',
  });
  const collect = (collectedOn: string, areaCode?: string, personId?: string): Command => ({
    command: 'CollectContribution',
    data: { receiptNo: 'BL-V-0001', payer: payer(personId), amount: '3960000', collectedOn, ...(areaCode ? { areaCode } : {}) },
  });
  const collected = (collectedOn: string, areaCode: string, personId?: string): DomainEvent => ({
    type: 'ContributionCollected', data: { receiptNo: 'BL-V-0001', payer: payer(personId), amount: '3960000', collectedOn, areaCode },
  });

  it('places the payment in the area the clerk names', () => {
    given(stream).when(collect('2021-02-01', '956')).then([collected('2021-02-01', '956')]);
  });
  it('else in the person\'s last known area', () => {
    given(stream, card2021, bookIssued).when(collect('2021-04-01')).then([collected('2021-04-01', '956')]);
  });
  it('else in the province of a 10-digit BHXH number', () => {
    given(stream).when(collect('2021-02-01')).then([collected('2021-02-01', '95')]);
    // From 2025-07-01 a district of 2021 is no area: the province of the number is tried next.
    given('person-4512345679', { type: 'BookIssued', data: { personId: '4512345679', areaCode: '461', issuedOn: '2021-03-03', reissue: false } })
      .when(collect('2025-08-01', undefined, '4512345679')).then([collected('2025-08-01', '45', '4512345679')]);
  });
  it('refuses when no area can be known: a 12-digit ID with no fact naming an area', () => {
    given('person-095123456789').when(collect('2021-02-01', undefined, '095123456789')).thenRefuses('AREA_REQUIRED');
    given('person-095123456789').when(collect('2025-08-01', undefined, '095123456789')).thenRefuses('AREA_REQUIRED');
  });

  // Issue 28 changed this rule: a home (or a BHXH number's province) abolished on 2025-07-01 counts in
  // its successor from then, where before 2025-07-01's succession table was loaded the clerk had to name one.
  it('from 2025-07-01 places it in the successor of an abolished home or BHXH number province', () => {
    given(stream, bookIssued).when(collect('2025-08-01')).then([collected('2025-08-01', '96')]);
    given(stream).when(collect('2025-08-01')).then([collected('2025-08-01', '96')]);
  });
  it('refuses an unknown area and a cover that ends before it starts', () => {
    given(stream).when(collect('2021-02-01', '999')).thenRefuses('UNKNOWN_AREA');
    given(stream).when({ command: 'CollectContribution', data: { receiptNo: 'X', payer: { ...payer(), coverFrom: '2021-12', coverTo: '2021-01' }, amount: '1', collectedOn: '2021-02-01', areaCode: '954' } })
      .thenRefuses('INVALID_PERIOD');
  });
});

describe('RelocatePerson', () => {
  const relocate = (areaCode: string, effectiveOn: string): Command => ({
    command: 'RelocatePerson', data: { personId: '9512345679', areaCode, effectiveOn, reason: 'Sắp xếp đơn vị hành chính' },
  });
  const relocated = (areaCode: string, effectiveOn: string, fromAreaCode?: string): DomainEvent => ({
    type: 'PersonRelocated',
    data: { personId: '9512345679', areaCode, ...(fromAreaCode ? { fromAreaCode } : {}), effectiveOn, reason: 'Sắp xếp đơn vị hành chính' },
  });
  const collect = (collectedOn: string): Command => ({
    command: 'CollectContribution',
    data: { receiptNo: 'BL-V-0002', payer: { kind: 'person', personId: '9512345679', scheme: 'voluntary-social-insurance', coverFrom: '2025-01', coverTo: '2025-12' }, amount: '3960000', collectedOn },
  });
  const placedIn = (areaCode: string, collectedOn: string): DomainEvent => ({
    type: 'ContributionCollected',
    data: { receiptNo: 'BL-V-0002', payer: { kind: 'person', personId: '9512345679', scheme: 'voluntary-social-insurance', coverFrom: '2025-01', coverTo: '2025-12' }, amount: '3960000', collectedOn, areaCode },
  });

  it('moves a person homed in an abolished district to a commune, leaving the successor province', () => {
    given(stream, bookIssued).when(relocate('31942', '2025-09-01')).then([relocated('31942', '2025-09-01', '96')]);
  });

  it('records no area left for a person no fact placed yet', () => {
    given(stream).when(relocate('31942', '2025-09-01')).then([relocated('31942', '2025-09-01')]);
  });

  it('places payments in the new home from its date, not before', () => {
    const facts = [bookIssued, relocated('31942', '2025-09-01', '96')];
    given(stream, ...facts).when(collect('2025-09-10')).then([placedIn('31942', '2025-09-10')]);
    given(stream, ...facts).when(collect('2025-08-10')).then([placedIn('96', '2025-08-10')]);
  });

  it('stays in the new home after a payment recorded later for a day before the move, until a book or card moves the person', () => {
    const facts = [bookIssued, relocated('31942', '2025-09-01', '96'), placedIn('96', '2025-08-10')];
    given(stream, ...facts).when(collect('2025-09-10')).then([placedIn('31942', '2025-09-10')]);
    const card2026: DomainEvent = { type: 'CardIssued', data: { cardNo: 'DN4969512345679', personId: '9512345679', areaCode: '96', validFrom: '2026-01-01', validTo: '2026-12-31', issuedOn: '2025-12-20' } };
    given(stream, ...facts, card2026).when(collect('2026-01-10')).then([placedIn('96', '2026-01-10')]);
  });

  it('refuses an abolished target after 2025-07-01, a commune before it, and the home the person already has', () => {
    given(stream, bookIssued).when(relocate('954', '2025-09-01')).thenRefuses('UNKNOWN_AREA');
    given(stream, bookIssued).when(relocate('31942', '2025-06-30')).thenRefuses('UNKNOWN_AREA');
    given(stream, bookIssued).when(relocate('956', '2024-01-01')).thenRefuses('AREA_UNCHANGED');
  });
});
