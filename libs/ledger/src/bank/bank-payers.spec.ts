import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store';
import { testEvent } from '#event-store/testing';
import { payerIndexFor } from './bank-payers.js';
import { payerIndexFromLog } from './bank-payers.scan.js';

/**
 * The incremental index against the whole-log scan it replaces, on random ledgers that hold what makes
 * the fold subtle: employers registered again in another area, persons relocated, collections and
 * decisions reversed after later ones, 9-digit ids the rule ignores, credits without an account. The
 * index is asked between batches of appends, so each answer after the first comes from the fold's tail.
 */
const workDir = mkdtempSync(join(tmpdir(), 'socai-bank-payers-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const AREAS = ['461', '465', '954', '011'];
const isWithin = (area: string, code: string) => area.startsWith(code);
const areas = { isWithin };

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function ledgerEvents(seed: number, count: number): { type: string; data: unknown }[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const persons = ['4600000001', '4600000002', '4600000003', '9500000001', '0100000001', '460000001'];
  const units = ['QT00001', 'QT00002', 'QT00003', 'BL00001', 'HN00001'];
  const months = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06'];
  const credits: string[] = [];
  const reversible: string[] = [];
  const events: { type: string; data: unknown }[] = [];
  for (let n = 0; n < count; n++) {
    const eventId = `e-${seed}-${n}`;
    const roll = next();
    if (roll < 0.12) {
      const unitCode = pick(units);
      events.push({ type: 'EmployerRegistered', data: { unitCode, taxCode: `${unitCode}-tax-${n % 3}`, name: `Công ty ${unitCode} ${n % 2}`, areaCode: pick(AREAS) } });
    } else if (roll < 0.3) {
      credits.push(eventId);
      events.push({ type: 'BankCreditReceived', data: { counterparty: next() < 0.8 ? { account: `acc-${Math.floor(next() * 6)}` } : {}, areaCode: pick(AREAS) } });
    } else if (roll < 0.45 && credits.length > 0) {
      reversible.push(eventId);
      const unitCode = next() < 0.85 ? pick(units) : undefined;
      events.push({ type: next() < 0.5 ? 'BankCreditMatched' : 'BankCreditAssigned', data: { creditId: pick(credits), ...(unitCode ? { unitCode } : {}) } });
    } else if (roll < 0.7) {
      const kind = next() < 0.85 ? 'person' : 'employer';
      const coverFrom = pick(months);
      const coverTo = pick(months.filter((m) => m >= coverFrom));
      reversible.push(eventId);
      events.push({
        type: 'ContributionCollected',
        data: {
          payer: kind === 'person' ? { kind, personId: pick(persons), scheme: pick(['voluntary-pension', 'household-health']), coverFrom, coverTo } : { kind, unitCode: pick(units) },
          amount: String(Math.floor(next() * 10) * 100_000), areaCode: pick(AREAS),
        },
      });
    } else if (roll < 0.9) {
      events.push({ type: pick(['BookIssued', 'CardIssued', 'PersonRelocated']), data: { personId: pick(persons), areaCode: pick(AREAS) } });
    } else if (reversible.length > 0) {
      events.push({ type: 'EntryReversed', data: { eventId: pick(reversible) } });
    } else events.push({ type: 'Noted', data: {} });
  }
  return events;
}

describe('payerIndexFor', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('equals the whole-log scan for every area, asked between appends (seed %i)', async (seed) => {
    const store = await SqliteEventStore.open(join(workDir, `ledger-${seed}`, 'events.db'));
    try {
      const events = ledgerEvents(seed, 600);
      let asked = 0;
      for (let from = 0; from < events.length; ) {
        const batch = events.slice(from, from + 1 + Math.floor(random(seed * 1000 + from)() * 80));
        for (const [offset, { type, data }] of batch.entries()) {
          const eventId = `e-${seed}-${from + offset}`;
          await store.append({ streamId: `s-${eventId}`, expectedRevision: 'no_stream', events: [testEvent(eventId, { type, data })] });
        }
        from += batch.length;
        for (const area of ['46', '461', '95', '01']) {
          expect(await payerIndexFor(store, areas, area)).toEqual(await payerIndexFromLog(store, areas, area));
          asked++;
        }
      }
      expect(asked).toBeGreaterThan(20);
      // The ledgers hold persons and learnt accounts: the equality above is not between empty indexes.
      const index = await payerIndexFor(store, areas, '46');
      expect(index.byPersonId.size).toBeGreaterThan(0);
      expect([...index.byUnitCode.values()].some((payer) => (payer.accounts ?? []).length > 0)).toBe(true);
    } finally {
      await store.close();
    }
  });
});
