import { canonicalJson, computeEventHash, GENESIS_HASH, sealEvent, type HashableEvent } from './hash-chain.js';

// Both expected values below were produced by the Python re-implementation quoted in hash-chain.ts,
// so these tests also prove that an auditor's independent script agrees with the store.
const sampleEvent: HashableEvent = {
  eventId: 'evt-1',
  type: 'ContributionCollected',
  streamId: 'employer-TA0001',
  revision: 0,
  data: {
    receiptNo: 'BL-0001',
    amount: '1000000000000000000',
    payer: { kind: 'employer', unitCode: 'TA0001' },
    note: 'Bưu điện Hướng Hóa',
    headcount: 12,
  },
  metadata: {
    eventId: 'evt-1',
    recordedAt: '2025-07-01T08:00:00.000Z',
    actor: 'key-1',
    role: 'clerk',
    source: 'http',
    correlationId: 'corr-1',
    causationId: 'corr-1',
    commandKey: 'CollectContribution:BL-0001',
    schemaVersion: 1,
    prevHash: GENESIS_HASH,
    hash: 'ignored',
  },
};
const sampleHashFromPython = '840a9d8ca4d57b15e40c7c4eb4a57060d5a920c25e777efd5bfadb473865802b';

describe('canonicalJson', () => {
  it('sorts keys by UTF-16 code units at every depth and prints no whitespace', () => {
    const value = {
      z: 1,
      a: [1, 'x', null, true],
      'Ａ': 'fullwidth',
      '😀': 'emoji',
      é: 'Bưu điện Hướng Hóa',
      B: { y: '\n\t"\\\u0001', x: 0 },
    };
    expect(canonicalJson(value)).toBe(
      '{"B":{"x":0,"y":"\\n\\t\\"\\\\\\u0001"},"a":[1,"x",null,true],"z":1,"é":"Bưu điện Hướng Hóa","😀":"emoji","Ａ":"fullwidth"}',
    );
  });

  it('drops undefined members, prints undefined array elements as null, and keeps amount strings as strings', () => {
    expect(canonicalJson({ b: undefined, a: '0', c: [undefined, '1000000000000000000'] })).toBe(
      '{"a":"0","c":[null,"1000000000000000000"]}',
    );
  });

  it.each([
    ['plain'], ['Bưu điện Hướng Hóa'], ['quote " and \\ backslash'], ['tab\tnew line\n'], ['\u0000\u001f\u007f'],
    ['\u2028\u2029'], ['😀'], ['lone \ud800 surrogate'], ['\udfff'], [''],
  ])('prints the string %j exactly as JSON.stringify does', (text) => {
    expect(canonicalJson(text)).toBe(JSON.stringify(text));
    expect(canonicalJson({ [text]: text })).toBe(`{${JSON.stringify(text)}:${JSON.stringify(text)}}`);
  });

  it('does not depend on the order in which keys were inserted', () => {
    expect(canonicalJson({ b: { d: 1, c: 2 }, a: 3 })).toBe(canonicalJson({ a: 3, b: { c: 2, d: 1 } }));
  });

  it('uses toJSON like JSON.stringify does', () => {
    expect(canonicalJson({ at: new Date('2025-07-01T00:00:00.000Z') })).toBe('{"at":"2025-07-01T00:00:00.000Z"}');
  });

  it.each([[Number.NaN], [Number.POSITIVE_INFINITY], [10n], [undefined], [() => 1]])('refuses %p', (value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });
});

describe('computeEventHash', () => {
  it('matches the hash computed by the Python re-implementation', () => {
    expect(computeEventHash(sampleEvent)).toBe(sampleHashFromPython);
  });

  it('ignores metadata.hash and the global position', () => {
    const { hash: _hash, ...withoutHash } = sampleEvent.metadata;
    expect(computeEventHash({ ...sampleEvent, metadata: withoutHash })).toBe(sampleHashFromPython);
    expect(computeEventHash({ ...sampleEvent, position: 42 } as HashableEvent)).toBe(sampleHashFromPython);
  });

  it.each([
    ['data', { ...sampleEvent, data: { ...(sampleEvent.data as object), amount: '1000000000000000001' } }],
    ['revision', { ...sampleEvent, revision: 1 }],
    ['streamId', { ...sampleEvent, streamId: 'employer-TA0002' }],
    ['type', { ...sampleEvent, type: 'BenefitPaid' }],
    ['prevHash', { ...sampleEvent, metadata: { ...sampleEvent.metadata, prevHash: '1'.repeat(64) } }],
    ['recordedAt', { ...sampleEvent, metadata: { ...sampleEvent.metadata, recordedAt: '2025-07-01T08:00:00.001Z' } }],
  ])('changes when %s changes', (_field, changed) => {
    expect(computeEventHash(changed as HashableEvent)).not.toBe(sampleHashFromPython);
  });

  it('sealEvent returns the same hash with the canonical texts to store, hash inserted at its sorted place', () => {
    const { hash: _hash, ...metadata } = sampleEvent.metadata;
    const sealed = sealEvent({ ...sampleEvent, metadata });

    expect(sealed.hash).toBe(sampleHashFromPython);
    expect(sealed.dataJson).toBe(canonicalJson(sampleEvent.data));
    expect(sealed.metadataJson).toBe(canonicalJson({ ...metadata, hash: sampleHashFromPython }));
    expect(sealed.metadataJson).toContain(`"eventId":"evt-1","hash":"${sampleHashFromPython}","prevHash":"${GENESIS_HASH}"`);
  });

  it('sealEvent refuses metadata that already holds a hash', () => {
    expect(() => sealEvent(sampleEvent)).toThrow(TypeError);
  });

  it('GENESIS_HASH is 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0000000000000000000000000000000000000000000000000000000000000000');
  });
});
