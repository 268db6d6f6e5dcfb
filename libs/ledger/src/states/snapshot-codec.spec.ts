import fc from 'fast-check';
import { BANK_EVENT_TYPES, EVENT_TYPES, evolveStream, initialStateFor, type StoredFact, type StreamState } from '#domain';
import { PackedFactIndex } from './packed-fact-index.js';
import { decodeSnapshot, encodeSnapshot, SNAPSHOT_FORMAT, STATE_FIELDS } from './snapshot-codec.js';

/**
 * Each format's fields, as STATE_FIELDS lists them. A state's fields that change (STATE_FIELDS stops
 * compiling until it matches) fail here until SNAPSHOT_FORMAT is bumped and the new fields recorded
 * under it: a snapshot written by the old code must not be read as the new state.
 */
const FIELDS_OF_FORMAT: Record<number, unknown> = {
  1: {
    employer: ['kind', 'facts', 'profile', 'statusChanges', 'assessments', 'collections', 'charges', 'relocations', 'profileChanges', 'suspensions'],
    employerProfile: ['unitCode', 'name', 'areaCode', 'registeredOn', 'wageRegion', 'sector'],
    statusChange: ['eventId', 'status', 'effectiveOn'],
    assessment: ['eventId', 'period', 'dueDate', 'funds'],
    collection: ['eventId', 'collectedOn', 'amount', 'period'],
    charge: ['eventId', 'month', 'to', 'notComputed', 'basis', 'closedOn', 'byFund'],
    relocation: ['eventId', 'areaCode', 'effectiveOn'],
    profileChange: ['eventId', 'effectiveOn', 'wageRegion', 'sector', 'highRiskApproval'],
    suspension: ['eventId', 'fund', 'from', 'to', 'decisionRef'],
    person: ['kind', 'facts', 'cards', 'relocations'],
    card: ['eventId', 'cardNo', 'validFrom', 'validTo'],
    personRelocation: ['eventId', 'effectiveOn'],
    facility: ['kind', 'facts'],
    plan: ['kind', 'facts'],
    payout: ['kind', 'facts'],
    rules: ['kind', 'facts'],
    bank: ['kind', 'facts', 'credits', 'decisionOf'],
  },
};
// Format 2 keeps the same fields; an employer's assessments and collections are written as rows.
FIELDS_OF_FORMAT[2] = FIELDS_OF_FORMAT[1];
// Format 3: records name their facts by revision.
FIELDS_OF_FORMAT[3] = JSON.parse(JSON.stringify(FIELDS_OF_FORMAT[1]).replaceAll('"eventId"', '"revision"'));

const id = (n: number) => `00000000-0000-5000-8000-${String(n).padStart(12, '0')}`;
let position = 100;
const fact = (n: number, type: string, data: object): StoredFact => ({ eventId: id(n), type, data, revision: -1, position: position++ } as unknown as StoredFact);
/** The facts of one stream, each at its revision. */
const inOrder = (facts: StoredFact[]): StoredFact[] => facts.map((each, revision) => ({ ...each, revision }));
const funds = { pension: '11000000', sickness: '1500000', accident: '500000', health: '2250000', unemployment: '1000000' };

/** One stream of each kind with every fact its fold keeps something of (a reversal among them). */
const STREAMS: Record<string, StoredFact[]> = {
  'employer-QT00001': [
    fact(0, 'EmployerRegistered', { unitCode: 'QT00001', name: 'Công ty Gỗ', areaCode: '465', registeredOn: '2016-12-01', wageRegion: 2, sector: 'enterprise' }),
    fact(1, 'EmployerStatusChanged', { unitCode: 'QT00001', areaCode: '465', status: 'active', effectiveOn: '2017-01-01' }),
    fact(2, 'ContributionAssessed', { unitCode: 'QT00001', areaCode: '465', period: '2017-01', dueDate: '2017-01-31', funds }),
    fact(3, 'ContributionAssessed', { unitCode: 'QT00001', areaCode: '465', period: '2017-02', funds }),
    fact(4, 'ContributionCollected', { payer: { kind: 'employer', unitCode: 'QT00001', period: '2017-01' }, areaCode: '465', collectedOn: '2017-02-10', amount: '16250000' }),
    fact(5, 'ContributionCollected', { payer: { kind: 'employer', unitCode: 'QT00001' }, areaCode: '465', collectedOn: '2017-03-10', amount: '100' }),
    fact(6, 'EntryReversed', { eventId: id(3), areaCode: '465' }),
    fact(7, 'LateInterestCharged', {
      unitCode: 'QT00001', areaCode: '465', month: '2017-04', from: '2017-04-01', to: '2017-04-30', closedOn: '2017-05-02', byFund: { pension: '1000' },
      notComputed: [{ period: '2017-01', fund: 'pension', month: '2017-04' }],
      basis: [{ period: '2017-01', fund: 'pension', from: '2017-03-01', to: '2017-03-31', per: 'month' }, { period: '2017-01', fund: 'pension', from: '2017-04-01', to: '2017-04-30', per: 'month' }],
    }),
    fact(8, 'LateInterestCharged', { unitCode: 'QT00001', areaCode: '465', month: '2017-05', to: '2017-05-31', closedOn: '2017-06-02', byFund: {}, notComputed: [], basis: [] }),
    fact(9, 'EmployerRelocated', { unitCode: 'QT00001', areaCode: '466', effectiveOn: '2018-01-01' }),
    fact(10, 'EmployerProfileChanged', { unitCode: 'QT00001', areaCode: '466', effectiveOn: '2018-02-01', wageRegion: 1, highRiskApproval: null }),
    fact(11, 'FundSuspensionGranted', { unitCode: 'QT00001', areaCode: '466', fund: 'pension', from: '2020-05-01', to: '2020-06-30', decisionRef: 'QD-1' }),
    fact(12, 'InspectionRecorded', { unitCode: 'QT00001', areaCode: '466', inspectionId: 'I-1' }),
  ],
  'person-9500000001': [
    fact(20, 'BookIssued', { personId: '9500000001', areaCode: '954' }),
    fact(21, 'CardIssued', { personId: '9500000001', areaCode: '954', cardNo: 'DN4950', validFrom: '2021-01-01', validTo: '2021-12-31' }),
    fact(22, 'PersonRelocated', { personId: '9500000001', areaCode: '956', effectiveOn: '2021-06-01' }),
    fact(23, 'EntryReversed', { eventId: id(21), areaCode: '954' }),
  ],
  'facility-79001': [fact(30, 'ClaimAssessed', { facilityCode: '79001', areaCode: '79' })],
  'plan-79-2024': [fact(31, 'PlanAssigned', { areaCode: '79', year: 2024 })],
  'payout-79-2024-01': [fact(32, 'PayoutsReconciled', { areaCode: '79', month: '2024-01' })],
  'rules-interest': [fact(33, 'InterestRateAnnounced', { year: 2024, fund: 'pension' })],
  'bank-0011': [
    fact(40, 'BankCreditReceived', { account: '0011', areaCode: '79' }),
    fact(41, 'BankCreditReceived', { account: '0011', areaCode: '80' }),
    fact(42, 'BankCreditMatched', { account: '0011', creditId: id(40), areaCode: '79' }),
    fact(43, 'BankCreditAssigned', { account: '0011', creditId: id(41), areaCode: '80' }),
    fact(44, 'EntryReversed', { eventId: id(42), areaCode: '79' }),
  ],
};

/** Each kind's snapshot of STREAMS under this format: a change to a fold or to the codec shows here. */
const GOLDEN_OF_FORMAT: Record<number, Record<string, string>> = {
  1: {
    'employer-QT00001':
      '{"kind":"employer","last":"00000000-0000-5000-8000-000000000012","facts":{"types":["EmployerRegistered","EmployerStatusChanged","ContributionAssessed","ContributionCollected","EntryReversed","LateInterestCharged","EmployerRelocated","EmployerProfileChanged","FundSuspensionGranted","InspectionRecorded"],"areas":["465","466"],"facts":["00000000-0000-5000-8000-000000000000",0,0,100,"00000000-0000-5000-8000-000000000001",2,0,101,"00000000-0000-5000-8000-000000000002",4,0,102,"00000000-0000-5000-8000-000000000003",5,0,103,"00000000-0000-5000-8000-000000000004",6,0,104,"00000000-0000-5000-8000-000000000005",6,0,105,"00000000-0000-5000-8000-000000000006",8,0,106,"00000000-0000-5000-8000-000000000007",10,0,107,"00000000-0000-5000-8000-000000000008",10,0,108,"00000000-0000-5000-8000-000000000009",12,1,109,"00000000-0000-5000-8000-000000000010",14,1,110,"00000000-0000-5000-8000-000000000011",16,1,111,"00000000-0000-5000-8000-000000000012",18,1,112]},"state":{"statusChanges":[{"eventId":1,"status":"active","effectiveOn":"2017-01-01"}],"assessments":[{"eventId":2,"period":"2017-01","dueDate":"2017-01-31","funds":{"pension":"11000000","sickness":"1500000","accident":"500000","health":"2250000","unemployment":"1000000"}},{"eventId":3,"period":"2017-02","funds":{"pension":"11000000","sickness":"1500000","accident":"500000","health":"2250000","unemployment":"1000000"}}],"collections":[{"eventId":4,"collectedOn":"2017-02-10","amount":"16250000","period":"2017-01"},{"eventId":5,"collectedOn":"2017-03-10","amount":"100"}],"charges":[{"eventId":7,"month":"2017-04","to":"2017-04-30","closedOn":"2017-05-02","byFund":{"pension":"1000"},"notComputed":[{"period":"2017-01","fund":"pension","month":"2017-04"}],"basis":[{"period":"2017-01","fund":"pension","from":"2017-03-01","per":"month"}]},{"eventId":8,"month":"2017-05","to":"2017-05-31","closedOn":"2017-06-02","byFund":{},"notComputed":[],"basis":[]}],"relocations":[{"eventId":9,"areaCode":"466","effectiveOn":"2018-01-01"}],"profileChanges":[{"eventId":10,"effectiveOn":"2018-02-01","wageRegion":1,"highRiskApproval":null}],"suspensions":[{"eventId":11,"fund":"pension","from":"2020-05-01","to":"2020-06-30","decisionRef":"QD-1"}],"profile":{"unitCode":"QT00001","name":"Công ty Gỗ","areaCode":"465","registeredOn":"2016-12-01","wageRegion":2,"sector":"enterprise"}}}',
    'person-9500000001':
      '{"kind":"person","last":"00000000-0000-5000-8000-000000000023","facts":{"types":["BookIssued","CardIssued","PersonRelocated","EntryReversed"],"areas":["954","956"],"facts":["00000000-0000-5000-8000-000000000020",0,0,113,"00000000-0000-5000-8000-000000000021",3,0,114,"00000000-0000-5000-8000-000000000022",4,1,115,"00000000-0000-5000-8000-000000000023",6,0,116]},"state":{"cards":[{"eventId":1,"cardNo":"DN4950","validFrom":"2021-01-01","validTo":"2021-12-31"}],"relocations":[{"eventId":2,"effectiveOn":"2021-06-01"}]}}',
    'facility-79001':
      '{"kind":"facility","last":"00000000-0000-5000-8000-000000000030","facts":{"types":["ClaimAssessed"],"areas":["79"],"facts":["00000000-0000-5000-8000-000000000030",0,0,117]},"state":{}}',
    'plan-79-2024':
      '{"kind":"plan","last":"00000000-0000-5000-8000-000000000031","facts":{"types":["PlanAssigned"],"areas":["79"],"facts":["00000000-0000-5000-8000-000000000031",0,0,118]},"state":{}}',
    'payout-79-2024-01':
      '{"kind":"payout","last":"00000000-0000-5000-8000-000000000032","facts":{"types":["PayoutsReconciled"],"areas":["79"],"facts":["00000000-0000-5000-8000-000000000032",0,0,119]},"state":{}}',
    'rules-interest':
      '{"kind":"rules","last":"00000000-0000-5000-8000-000000000033","facts":{"types":["InterestRateAnnounced"],"areas":[""],"facts":["00000000-0000-5000-8000-000000000033",0,0,120]},"state":{}}',
    'bank-0011':
      '{"kind":"bank","last":"00000000-0000-5000-8000-000000000044","facts":{"types":["BankCreditReceived","BankCreditMatched","BankCreditAssigned","EntryReversed"],"areas":["79","80"],"facts":["00000000-0000-5000-8000-000000000040",0,0,121,"00000000-0000-5000-8000-000000000041",0,1,122,"00000000-0000-5000-8000-000000000042",3,0,123,"00000000-0000-5000-8000-000000000043",4,1,124,"00000000-0000-5000-8000-000000000044",6,0,125]},"state":{"credits":[[0,"unmatched","79"],[1,"assigned","80"]],"decisionOf":[[2,0],[3,1]]}}',
  },
};

// Format 2: only the employer's snapshot differs (its assessments and collections as rows).
GOLDEN_OF_FORMAT[2] = {
  ...GOLDEN_OF_FORMAT[1],
  'employer-QT00001':
    '{"kind":"employer","last":"00000000-0000-5000-8000-000000000012","facts":{"types":["EmployerRegistered","EmployerStatusChanged","ContributionAssessed","ContributionCollected","EntryReversed","LateInterestCharged","EmployerRelocated","EmployerProfileChanged","FundSuspensionGranted","InspectionRecorded"],"areas":["465","466"],"facts":["00000000-0000-5000-8000-000000000000",0,0,100,"00000000-0000-5000-8000-000000000001",2,0,101,"00000000-0000-5000-8000-000000000002",4,0,102,"00000000-0000-5000-8000-000000000003",5,0,103,"00000000-0000-5000-8000-000000000004",6,0,104,"00000000-0000-5000-8000-000000000005",6,0,105,"00000000-0000-5000-8000-000000000006",8,0,106,"00000000-0000-5000-8000-000000000007",10,0,107,"00000000-0000-5000-8000-000000000008",10,0,108,"00000000-0000-5000-8000-000000000009",12,1,109,"00000000-0000-5000-8000-000000000010",14,1,110,"00000000-0000-5000-8000-000000000011",16,1,111,"00000000-0000-5000-8000-000000000012",18,1,112]},"state":{"statusChanges":[{"eventId":1,"status":"active","effectiveOn":"2017-01-01"}],"assessments":[[2,"2017-01","2017-01-31",["11000000","1500000","500000","2250000","1000000"]],[3,"2017-02",null,0]],"collections":[[4,"2017-02-10","16250000","2017-01"],[5,"2017-03-10","100"]],"charges":[{"eventId":7,"month":"2017-04","to":"2017-04-30","closedOn":"2017-05-02","byFund":{"pension":"1000"},"notComputed":[{"period":"2017-01","fund":"pension","month":"2017-04"}],"basis":[{"period":"2017-01","fund":"pension","from":"2017-03-01","per":"month"}]},{"eventId":8,"month":"2017-05","to":"2017-05-31","closedOn":"2017-06-02","byFund":{},"notComputed":[],"basis":[]}],"relocations":[{"eventId":9,"areaCode":"466","effectiveOn":"2018-01-01"}],"profileChanges":[{"eventId":10,"effectiveOn":"2018-02-01","wageRegion":1,"highRiskApproval":null}],"suspensions":[{"eventId":11,"fund":"pension","from":"2020-05-01","to":"2020-06-30","decisionRef":"QD-1"}],"profile":{"unitCode":"QT00001","name":"Công ty Gỗ","areaCode":"465","registeredOn":"2016-12-01","wageRegion":2,"sector":"enterprise"}}}',
};

// Format 3: records name their facts by revision, the fact index keeps eventId keys, no `last`.
GOLDEN_OF_FORMAT[3] = {
  'employer-QT00001':
    '{"kind":"employer","facts":{"types":["EmployerRegistered","EmployerStatusChanged","ContributionAssessed","ContributionCollected","EntryReversed","LateInterestCharged","EmployerRelocated","EmployerProfileChanged","FundSuspensionGranted","InspectionRecorded"],"areas":["465","466"],"facts":[0,0,100,2328470705769456,2,0,101,3943782152768899,4,0,102,3601438916316950,5,0,103,713155030913193,6,0,104,4286125456331324,6,0,105,1397841570927567,8,0,106,1055498334475618,10,0,107,2670809781475061,10,0,108,1740180579522696,12,1,109,3355496321489435,14,1,110,889029697197049,16,1,111,3777313582600806,18,1,112,2161997840634067]},"state":{"statusChanges":[{"revision":1,"status":"active","effectiveOn":"2017-01-01"}],"assessments":[[2,"2017-01","2017-01-31",["11000000","1500000","500000","2250000","1000000"]],[3,"2017-02",null,0]],"collections":[[4,"2017-02-10","16250000","2017-01"],[5,"2017-03-10","100"]],"charges":[{"revision":7,"month":"2017-04","to":"2017-04-30","closedOn":"2017-05-02","byFund":{"pension":"1000"},"notComputed":[{"period":"2017-01","fund":"pension","month":"2017-04"}],"basis":[{"period":"2017-01","fund":"pension","from":"2017-03-01","per":"month"}]},{"revision":8,"month":"2017-05","to":"2017-05-31","closedOn":"2017-06-02","byFund":{},"notComputed":[],"basis":[]}],"relocations":[{"revision":9,"areaCode":"466","effectiveOn":"2018-01-01"}],"profileChanges":[{"revision":10,"effectiveOn":"2018-02-01","wageRegion":1,"highRiskApproval":null}],"suspensions":[{"revision":11,"fund":"pension","from":"2020-05-01","to":"2020-06-30","decisionRef":"QD-1"}],"profile":{"unitCode":"QT00001","name":"Công ty Gỗ","areaCode":"465","registeredOn":"2016-12-01","wageRegion":2,"sector":"enterprise"}}}',
  'person-9500000001':
    '{"kind":"person","facts":{"types":["BookIssued","CardIssued","PersonRelocated","EntryReversed"],"areas":["954","956"],"facts":[0,0,113,3259596194899330,3,0,114,371312309495573,4,1,115,1986627984351836,6,0,116,3601939431351279]},"state":{"cards":[{"revision":1,"cardNo":"DN4950","validFrom":"2021-01-01","validTo":"2021-12-31"}],"relocations":[{"revision":2,"effectiveOn":"2021-06-01"}]}}',
  'facility-79001':
    '{"kind":"facility","facts":{"types":["ClaimAssessed"],"areas":["79"],"facts":[0,0,117,1820155186326923]},"state":{}}',
  'plan-79-2024':
    '{"kind":"plan","facts":{"types":["PlanAssigned"],"areas":["79"],"facts":[0,0,118,204843739327480]},"state":{}}',
  'payout-79-2024-01':
    '{"kind":"payout","facts":{"types":["PayoutsReconciled"],"areas":["79"],"facts":[0,0,119,547187042889905]},"state":{}}',
  'rules-interest':
    '{"kind":"rules","facts":{"types":["InterestRateAnnounced"],"areas":[""],"facts":[0,0,120,3435470928293662]},"state":{}}',
  'bank-0011':
    '{"kind":"bank","facts":{"types":["BankCreditReceived","BankCreditMatched","BankCreditAssigned","EntryReversed"],"areas":["79","80"],"facts":[0,0,121,3022063230219668,0,1,122,133775049848615,3,0,123,4295035735734458,4,1,124,1406747555363405,6,0,125,1064404184690504]},"state":{"credits":[["00000000-0000-5000-8000-000000000040","unmatched","79"],["00000000-0000-5000-8000-000000000041","assigned","80"]],"decisionOf":[["00000000-0000-5000-8000-000000000042","00000000-0000-5000-8000-000000000040"],["00000000-0000-5000-8000-000000000043","00000000-0000-5000-8000-000000000041"]]}}',
};

function folded(streamId: string): StreamState {
  let state = initialStateFor(streamId, new PackedFactIndex());
  for (const each of inOrder(STREAMS[streamId]!)) state = evolveStream(state, each);
  return state;
}

describe('decision-state snapshots: the codec', () => {
  it('records the fields of its format (bump SNAPSHOT_FORMAT and record the new fields when a state changes)', () => {
    expect(STATE_FIELDS).toEqual(FIELDS_OF_FORMAT[SNAPSHOT_FORMAT]);
  });

  it.each(Object.keys(STREAMS))('gives back the fold of %s exactly', (streamId) => {
    const state = folded(streamId);
    const decoded = decodeSnapshot(encodeSnapshot(state), state.kind);
    expect(decoded).toEqual(state);
    expect([...decoded.facts.values()]).toEqual([...state.facts.values()]);
    for (const { eventId, revision } of inOrder(STREAMS[streamId]!)) expect(decoded.facts.revisionOf(eventId)).toBe(revision);
  });

  it.each(Object.keys(STREAMS))('writes %s as this format always has (bump SNAPSHOT_FORMAT when a fold or the codec changes)', (streamId) => {
    expect(encodeSnapshot(folded(streamId))).toBe(GOLDEN_OF_FORMAT[SNAPSHOT_FORMAT]![streamId]);
  });

  it('shares one dues object among equal months, folded or decoded, and keeps a changed month its own', () => {
    const assessed = (n: number, period: string, dues: object) =>
      fact(n, 'ContributionAssessed', { unitCode: 'QT00002', areaCode: '465', period, dueDate: `${period}-28`, funds: { ...dues } });
    const raised = { ...funds, pension: '12000000' };
    const events = [
      fact(50, 'EmployerRegistered', { unitCode: 'QT00002', name: 'Công ty Tre', areaCode: '465', registeredOn: '2016-12-01' }),
      assessed(51, '2017-01', funds), assessed(52, '2017-02', funds), assessed(53, '2017-03', raised), assessed(54, '2017-04', raised),
    ];
    let state = initialStateFor('employer-QT00002', new PackedFactIndex());
    for (const each of inOrder(events)) state = evolveStream(state, each);
    const decoded = decodeSnapshot(encodeSnapshot(state), 'employer');
    for (const { assessments } of [state, decoded] as { assessments: { funds: object }[] }[]) {
      expect(assessments.map((assessment) => assessment.funds)).toEqual([funds, funds, raised, raised]);
      expect([assessments[1]!.funds === assessments[0]!.funds, assessments[2]!.funds === assessments[1]!.funds, assessments[3]!.funds === assessments[2]!.funds])
        .toEqual([true, false, true]);
    }
  });

  it('refuses a snapshot of another kind, and one naming a fact the index does not hold', () => {
    const text = encodeSnapshot(folded('person-9500000001'));
    expect(() => decodeSnapshot(text, 'employer')).toThrow('a person snapshot for a employer stream');
    expect(() => decodeSnapshot(text.replace('"revision":1', '"revision":4'), 'person')).toThrow("a snapshot's cards name fact 4 of 4");
    expect(() => decodeSnapshot(text.replace('"revision":2', '"revision":"2"'), 'person')).toThrow("a snapshot's relocations name fact 2 of 4");
  });

  it("refuses an employer's rows that do not read back: dues repeated from nothing, dues of four funds, a fact it does not hold", () => {
    const text = encodeSnapshot(folded('employer-QT00001'));
    expect(text).toContain('"assessments":[[2,"2017-01","2017-01-31",["11000000","1500000","500000","2250000","1000000"]],[3,"2017-02",null,0]]');
    expect(() => decodeSnapshot(text.replace('["11000000","1500000","500000","2250000","1000000"]', '0'), 'employer')).toThrow('a snapshot repeats the dues of no assessment');
    expect(() => decodeSnapshot(text.replace('["11000000","1500000","500000","2250000","1000000"]', '["1","2","3","4"]'), 'employer')).toThrow("a snapshot's dues name 4 funds");
    expect(() => decodeSnapshot(text.replace('[5,"2017-03-10"', '[13,"2017-03-10"'), 'employer')).toThrow("a snapshot's collections name fact 13 of 13");
  });

  it('keeps any fact index: types, areas, positions, reversals and ids, short and long', () => {
    const types = [...EVENT_TYPES, ...BANK_EVENT_TYPES];
    const facts = fc.array(fc.record({
      type: fc.constantFrom(...types),
      areaCode: fc.constantFrom('', '79', '954', '46101', 'X'),
      position: fc.nat(20_000_000),
      reversed: fc.boolean(),
    }), { maxLength: 80 });
    fc.assert(fc.property(facts, (records) => {
      const index = new PackedFactIndex();
      records.forEach((record, n) => index.set(n, id(n), record));
      const copy = PackedFactIndex.fromSnapshot(JSON.parse(JSON.stringify(index.toSnapshot())));
      expect(copy).toEqual(index);
      expect([...copy.values()]).toEqual([...index.values()]);
      records.forEach((_, n) => expect(copy.revisionOf(id(n))).toBe(n));
    }), { numRuns: 200 });
  });
});
