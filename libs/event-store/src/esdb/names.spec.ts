import { createHash } from 'node:crypto';
import { CLOCK_STREAM, esdbEventId, eventIndexStreamName, isHiddenFromLedger, keyStreamName, uuidFromName } from './names.js';

describe('names of what the adapter writes', () => {
  it('names a key stream after the SHA-256 of the command key', () => {
    const key = 'AssessContributions:TA0001:2025-07';
    expect(keyStreamName(key)).toBe(`socai-key-${createHash('sha256').update(key).digest('hex')}`);
    expect(keyStreamName(key)).toMatch(/^socai-key-[0-9a-f]{64}$/);
    expect(keyStreamName('Nguyễn')).not.toBe(keyStreamName('Nguyen'));
  });

  it('names the event index stream after the port event id', () => {
    expect(eventIndexStreamName('0f0e0d0c-0b0a-5908-8706-050403020100')).toBe('socai-event-0f0e0d0c-0b0a-5908-8706-050403020100');
  });

  it('sends a ledger UUID as it is (lower case) and derives a stable UUID for any other id', () => {
    expect(esdbEventId('0F0E0D0C-0B0A-5908-8706-050403020100')).toBe('0f0e0d0c-0b0a-5908-8706-050403020100');
    const derived = esdbEventId('run1234-a');
    expect(derived).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(esdbEventId('run1234-a')).toBe(derived);
    expect(esdbEventId('run1234-b')).not.toBe(derived);
    expect(uuidFromName('x')).toBe(uuidFromName('x'));
  });

  it('hides system streams and events and the bookkeeping streams from the ledger', () => {
    expect(isHiddenFromLedger('employer-TA0001', 'EmployerRegistered')).toBe(false);
    expect(isHiddenFromLedger('$stats-127.0.0.1:2113', 'StatsCollected')).toBe(true);
    expect(isHiddenFromLedger('employer-TA0001', '$>')).toBe(true);
    expect(isHiddenFromLedger(keyStreamName('k'), 'SocaiKeyClaimed')).toBe(true);
    expect(isHiddenFromLedger(eventIndexStreamName('e'), 'SocaiEventLocated')).toBe(true);
    expect(isHiddenFromLedger(CLOCK_STREAM, 'SocaiClockRead')).toBe(true);
    expect(isHiddenFromLedger('socai-clockwork', 'Noted')).toBe(false);
  });
});
