import { jest } from '@jest/globals';
import { resolveHolder, standingClaims, type ClaimRecord, type KeyStreamRecord, type ProbeResult } from './key-claims.js';

const claim = (eventId: string, revision: number, claimedAt = 1_000, contentHash = `content-${eventId}`): ClaimRecord => ({
  kind: 'claimed',
  commandKey: 'AssessContributions:TA0001:2025-07',
  contentHash,
  eventId,
  streamId: 'employer-TA0001',
  revision,
  claimedAt,
});

/** A server clock that reads `ms`, counting how often it was asked. */
function serverClock(ms: number): { serverNow: () => Promise<number>; asked: () => number } {
  let asked = 0;
  return {
    serverNow: async () => {
      asked += 1;
      return ms;
    },
    asked: () => asked,
  };
}

/** What the stream holds, by revision: the probe answers from it as the adapter does from the server. */
function probeOf(stream: Record<number, { eventId: string; position: number }>): (record: ClaimRecord) => Promise<ProbeResult> {
  return async (record) => {
    const event = stream[record.revision];
    if (!event) return { state: 'pending' };
    return event.eventId === record.eventId ? { state: 'live', position: event.position } : { state: 'dead' };
  };
}

describe('command-key claims in a key stream', () => {
  it('keeps claims in order and lets a withdrawal remove the latest claim of its event', () => {
    const records: KeyStreamRecord[] = [claim('a', 0), claim('b', 1), { kind: 'withdrawn', eventId: 'b' }, claim('c', 1)];
    expect(standingClaims(records).map((record) => record.eventId)).toEqual(['a', 'c']);
    expect(standingClaims([{ kind: 'withdrawn', eventId: 'x' }])).toEqual([]);
  });

  it('finds the holder whose event exists, with its position', async () => {
    const holder = await resolveHolder([claim('a', 0)], probeOf({ 0: { eventId: 'a', position: 4_242 } }), { serverNow: serverClock(2_000).serverNow });
    expect(holder).toEqual({
      state: 'held',
      record: { commandKey: 'AssessContributions:TA0001:2025-07', contentHash: 'content-a', eventId: 'a', streamId: 'employer-TA0001', revision: 0, position: 4_242 },
    });
  });

  it('ignores a claim whose append lost the race, falling back to the claim it would have released', async () => {
    // b released a at revision 3 but another event took revision 3: a still holds the key.
    const stream = { 0: { eventId: 'a', position: 100 }, 3: { eventId: 'other', position: 400 } };
    const holder = await resolveHolder([claim('a', 0), claim('b', 3)], probeOf(stream), { serverNow: serverClock(2_000).serverNow });
    expect(holder.state === 'held' && holder.record.eventId).toBe('a');
    expect(await resolveHolder([claim('b', 3)], probeOf(stream), { serverNow: serverClock(2_000).serverNow })).toEqual({ state: 'free' });
  });

  it('reports a claim whose event is not there yet as in flight, until its lease runs out', async () => {
    const records = [claim('a', 0, 1_000)];
    const empty = probeOf({});
    expect((await resolveHolder(records, empty, { serverNow: serverClock(30_000).serverNow, leaseMs: 60_000 })).state).toBe('pending');
    expect(await resolveHolder(records, empty, { serverNow: serverClock(61_001).serverNow, leaseMs: 60_000 })).toEqual({ state: 'free' });
  });

  it('lets the writer of a pending claim (a retry with the same event id) proceed at once', async () => {
    expect(await resolveHolder([claim('a', 0, 1_000)], probeOf({}), { serverNow: serverClock(1_500).serverNow, claimantEventId: 'a' })).toEqual({ state: 'free' });
  });

  it('measures the lease on the server clock, whatever the host clock says', async () => {
    // The claim was recorded at server time 1 000 000; the server reads 1 030 000 (30 s later) while
    // this host's clock runs an hour ahead.
    const hostAhead = jest.spyOn(Date, 'now').mockReturnValue(1_000_000 + 3_600_000);
    try {
      const clock = serverClock(1_030_000);
      expect(await resolveHolder([claim('a', 0, 1_000_000)], probeOf({}), { serverNow: clock.serverNow, leaseMs: 60_000 })).toEqual({
        state: 'pending',
        claim: claim('a', 0, 1_000_000),
      });
      expect(clock.asked()).toBe(1);
    } finally {
      hostAhead.mockRestore();
    }
  });

  it('asks the server clock only to judge a pending claim of someone else, and once', async () => {
    const clock = serverClock(2_000);
    await resolveHolder([claim('a', 0)], probeOf({ 0: { eventId: 'a', position: 1 } }), { serverNow: clock.serverNow });
    await resolveHolder([claim('a', 0)], probeOf({}), { serverNow: clock.serverNow, claimantEventId: 'a' });
    expect(clock.asked()).toBe(0);
    const twoAbandoned = serverClock(1_000_000);
    expect(await resolveHolder([claim('a', 0, 1), claim('b', 1, 2)], probeOf({}), { serverNow: twoAbandoned.serverNow })).toEqual({ state: 'free' });
    expect(twoAbandoned.asked()).toBe(1);
  });

  it('answers free for a key never claimed', async () => {
    expect(await resolveHolder([], probeOf({}), { serverNow: serverClock(0).serverNow })).toEqual({ state: 'free' });
  });
});
