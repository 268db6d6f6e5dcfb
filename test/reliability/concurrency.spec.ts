import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addMoney } from '#domain';
import { call, waitForProjection } from './support/http.js';
import { auditEventStore, integrityCheck } from './support/ledger-audit.js';
import { prng } from './support/load.js';
import { scaled, timeoutMs } from './support/soak.js';
import { SEED_EVENTS, startServer, type ServerProcess } from './support/socai-process.js';

/**
 * Concurrency (issue 9, part 2): 64 HTTP clients at once write to ONE employer stream (collections)
 * and ONE person stream (cards and benefit payments). Among the new commands some are exact
 * repeats (200), some reuse a key with other content (409) and some cards overlap (422). Every answer
 * must be one of 201, 200, 409 or 422 with a code, never a 500; the recorded amounts must add up to
 * exactly what was acknowledged as new, and each stream's revisions must run 0..n-1 once each.
 */
const CLIENTS = 64;
const perClient = scaled(12, 60);
const seed = Number(process.env.SOCAI_RELIABILITY_SEED ?? Date.now() % 1_000_000_000);
const UNIT = 'CCEMP001';
const PERSON = '6612345678';

interface Outcome {
  key: string;
  status: number;
  code?: string;
  amount?: string;
}

/** The index-th day from 2005-01-01: a card valid for that one day overlaps no other index's card. */
function oneDay(index: number): { from: string; to: string } {
  const day = new Date(Date.UTC(2005, 0, 1 + index)).toISOString().slice(0, 10);
  return { from: day, to: day };
}

describe(`concurrency: ${CLIENTS} clients on one employer and one person (seed ${seed})`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'socai-concurrency-'));
  let server: ServerProcess | undefined;

  afterAll(async () => {
    await server?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers every request with 201, 200, 409 or 422 and records each amount exactly once', async () => {
    server = await startServer(dataDir);
    const url = server.url;
    const registered = await call(url, 'POST', '/api/employers', { unitCode: UNIT, name: 'Công ty Đồng thời', areaCode: '465', registeredOn: '2020-01-02' });
    expect(registered.status).toBe(201);
    const random = prng(seed);

    const outcomes: Outcome[] = [];
    const unexpected: unknown[] = [];
    const send = async (key: string, path: string, body: Record<string, unknown>) => {
      const answer = await call(url, 'POST', path, body, { timeoutMs: 60_000 });
      const ok = answer.status === 201 || answer.status === 200
        || ((answer.status === 409 || answer.status === 422) && typeof answer.body?.code === 'string' && answer.body.code.length > 0);
      if (!ok) unexpected.push({ key, status: answer.status, body: answer.body });
      outcomes.push({ key, status: answer.status, code: answer.body?.code, amount: body.amount as string | undefined });
    };

    const client = async (c: number) => {
      for (let i = 0; i < perClient; i++) {
        const tag = `${c}-${i}`;
        const amount = String(1 + Math.floor(random() * 5_000_000_000));
        const roll = random();
        if (roll < 0.35) {
          const collection = { receiptNo: `CC-R-${tag}`, payer: { kind: 'employer', unitCode: UNIT }, amount, collectedOn: '2024-05-10' };
          await send(`CollectContribution:CC-R-${tag}`, '/api/collections', collection);
          // An exact repeat (a client retrying) and, sometimes, the same receipt with another amount.
          if (random() < 0.3) await send(`CollectContribution:CC-R-${tag}`, '/api/collections', collection);
          if (random() < 0.2) await send(`CollectContribution:CC-R-${tag}`, '/api/collections', { ...collection, amount: addMoney(amount, '1') });
        } else if (roll < 0.7) {
          const payment = {
            paymentRef: `CC-P-${tag}`, personId: PERSON, benefit: 'sickness', payoutMonth: '2024-05', amount,
            channel: 'bank-account', areaCode: '465', paidOn: '2024-05-06',
          };
          await send(`PayBenefit:CC-P-${tag}`, '/api/benefit-payments', payment);
          if (random() < 0.3) await send(`PayBenefit:CC-P-${tag}`, '/api/benefit-payments', payment);
        } else {
          // Each (client, i) owns one day, so cards never overlap unless a client means them to.
          const { from, to } = oneDay(c * perClient + i);
          const cardNo = `DN445${String(c * 1000 + i).padStart(10, '0')}`;
          const card = { cardNo, personId: PERSON, areaCode: '465', validFrom: from, validTo: to, issuedOn: '2004-12-01' };
          await send(`IssueCard:${cardNo}:${from}`, '/api/cards', card);
          if (random() < 0.3) {
            // Another card over the same day: CARD_PERIOD_OVERLAP.
            const overlapping = { ...card, cardNo: `DN445${String(900_000 + c * 1000 + i).padStart(10, '0')}` };
            await send(`IssueCard:${overlapping.cardNo}:${from}`, '/api/cards', overlapping);
          }
        }
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
    expect(unexpected).toEqual([]);
    const head = await waitForProjection(url);

    const created = outcomes.filter((o) => o.status === 201);
    const firstAnswerByKey = new Map<string, Outcome>();
    for (const outcome of outcomes) if (!firstAnswerByKey.has(outcome.key)) firstAnswerByKey.set(outcome.key, outcome);
    // A key is created at most once; repeats answer 200; a conflicting repeat answers 409 IDEMPOTENCY_CONFLICT.
    expect(new Set(created.map((o) => o.key)).size).toBe(created.length);
    expect(outcomes.filter((o) => o.status === 409).every((o) => o.code === 'IDEMPOTENCY_CONFLICT')).toBe(true);
    expect(outcomes.filter((o) => o.status === 422).every((o) => o.code === 'CARD_PERIOD_OVERLAP')).toBe(true);
    expect(outcomes.filter((o) => o.status === 200).every((o) => firstAnswerByKey.get(o.key)!.status === 201)).toBe(true);
    expect(outcomes.some((o) => o.status === 200)).toBe(true);
    expect(outcomes.some((o) => o.status === 409)).toBe(true);
    expect(outcomes.some((o) => o.status === 422)).toBe(true);

    await server.stop();
    server = undefined;
    expect(integrityCheck(join(dataDir, 'events.sqlite'))).toEqual(['ok']);
    const audit = auditEventStore(dataDir);
    expect(audit.problems).toEqual([]);
    expect(audit.events.length).toBe(head);
    // The seed rates k, the registration, and one event per 201.
    expect(head).toBe(SEED_EVENTS + 1 + created.length);

    const employerStream = audit.events.filter((e) => e.streamId === `employer-${UNIT}`);
    const personStream = audit.events.filter((e) => e.streamId === `person-${PERSON}`);
    expect(employerStream.map((e) => e.revision)).toEqual(employerStream.map((_, i) => i));
    expect(personStream.map((e) => e.revision)).toEqual(personStream.map((_, i) => i));

    const acknowledgedSum = (prefix: string) => addMoney('0', ...created.filter((o) => o.key.startsWith(prefix)).map((o) => o.amount!));
    const recordedSum = (type: string) => addMoney('0', ...audit.events.filter((e) => e.type === type).map((e) => e.data.amount as string));
    expect(recordedSum('ContributionCollected')).toBe(acknowledgedSum('CollectContribution:'));
    expect(recordedSum('BenefitPaid')).toBe(acknowledgedSum('PayBenefit:'));
    expect(personStream.filter((e) => e.type === 'CardIssued').length).toBe(created.filter((o) => o.key.startsWith('IssueCard:')).length);

    // The read side agrees to the đồng: the employer's paid total is the sum of the new collections.
    server = await startServer(dataDir);
    const arrears = await call(server.url, 'GET', `/api/employers/${UNIT}/arrears?asOf=2024-12-31`);
    expect(arrears.status).toBe(200);
    expect(arrears.body.paid).toBe(acknowledgedSum('CollectContribution:'));
  }, timeoutMs(120, 600));
});
