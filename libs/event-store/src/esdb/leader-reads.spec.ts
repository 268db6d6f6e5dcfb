import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FROM_LEADER } from './ledger-events.js';

/**
 * No server runs here, so what is checked is that no read of the adapter can be served by a lagging
 * follower: every read call passes FROM_LEADER, which the client turns into the `requires-leader`
 * header (node_modules/@eventstore/db-client/dist/Client/index.js, callArguments).
 */
describe('reads from the leader', () => {
  it('FROM_LEADER is the client option that requires the leader', () => {
    expect(FROM_LEADER).toEqual({ requiresLeader: true });
  });

  it.each([
    ['esdb-event-store.ts', 7],
    ['subscribe.ts', 1],
  ])('every read and subscription in %s requires the leader (%i calls)', (file, count) => {
    const source = readFileSync(join(process.cwd(), 'libs/event-store/src/esdb', file), 'utf8');
    // A call's options object: from the call to its first closing brace.
    const calls = [...source.matchAll(/client\.(?:readAll|readStream|subscribeToAll)\([^}]*\}/g)].map((match) => match[0]);
    expect(calls).toHaveLength(count);
    for (const call of calls) expect(call).toContain('...FROM_LEADER');
  });
});
