import { evolveStream, initialStateFor, type StreamState } from '#domain';
import { SqliteEventStore } from '#event-store';
import { Ledger, loadAreaDirectory, NdjsonImport, paymentsFromLog, recordSeedFacts, toFact } from '#ledger';
import { PackedFactIndex } from '../../libs/ledger/src/states/packed-fact-index.js';
import { decodeSnapshot, encodeSnapshot } from '../../libs/ledger/src/states/snapshot-codec.js';
import { generateCommands } from '../../apps/cli/src/generate/index.js';

/**
 * Every stream of generated ledgers, folded as the ledger's cache folds it, comes back from its
 * snapshot deep-equal (the codec drops nothing a fold keeps: docs/decisions.md, 'decision-state snapshots').
 */
const areas = loadAreaDirectory();

describe.each([
  ['demo', { scenario: 'demo', seed: 1 }],
  ['reorganisation (relocations, successors)', { scenario: 'reorganisation', seed: 2 }],
] as const)('decision-state snapshots of every stream of a generated ledger: %s', (_name, options) => {
  it('decode(encode(fold(stream))) deep-equals fold(stream)', async () => {
    const store = SqliteEventStore.open(':memory:');
    try {
      const ledger = new Ledger({ store, areas, ledgerPayments: paymentsFromLog(store), clock: () => new Date('2026-07-01T03:00:00Z') });
      await recordSeedFacts(ledger);
      const summary = await new NdjsonImport(ledger, { actor: 'spec', role: 'admin' }).run(generateCommands(options));
      expect(summary.refused).toBe(0);
      // The files hold no reversals: reverse one fact in 40 of the kinds a fold keeps records of.
      const reversible = await store.readAll({ types: ['ContributionAssessed', 'ContributionCollected', 'CardIssued', 'EmployerStatusChanged'] });
      for (const event of reversible.filter((_, n) => n % 40 === 0)) {
        await ledger.execute({ command: 'ReverseEntry', data: { eventId: event.eventId, reason: 'spec', reversedOn: '2026-06-30' } } as never, { actor: 'spec', role: 'admin', source: 'cli' });
      }
      const kinds = new Map<string, number>();
      let reversed = 0;
      for (const { streamId } of store.streamSizesSync()) {
        const events = store.readStreamSync(streamId);
        let state: StreamState = initialStateFor(streamId, new PackedFactIndex());
        for (const event of events) state = evolveStream(state, toFact(event));
        const decoded = decodeSnapshot(encodeSnapshot(state), state.kind);
        expect(decoded).toEqual(state);
        expect([...decoded.facts.values()]).toEqual([...state.facts.values()]);
        events.forEach((event) => expect(decoded.facts.revisionOf(event.eventId)).toBe(event.revision));
        kinds.set(state.kind, (kinds.get(state.kind) ?? 0) + 1);
        reversed += [...state.facts.values()].filter((fact) => fact.reversed).length;
      }
      // Every kind the generator writes (payouts and banks: snapshot-codec.spec.ts), reversed facts among them.
      expect([...kinds.keys()].sort()).toEqual(['employer', 'facility', 'person', 'plan', 'rules']);
      expect(reversed).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  }, 300_000);
});
