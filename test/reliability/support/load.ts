import { call } from './http.js';

/** Where the load writes: its own employers and persons, so that it never collides with generated files. */
export const LOAD_AREA = '465';
export const LOAD_EMPLOYERS = ['RLEMP001', 'RLEMP002', 'RLEMP003', 'RLEMP004'];

/** A command as the load sends it, with the key it must be found under afterwards. */
export interface SentCommand {
  commandKey: string;
  /** The load client that owns it (it alone retries it). */
  client?: number;
  path: string;
  body: Record<string, any>;
}

export interface Acknowledged extends SentCommand {
  status: number;
  eventId: string;
  position: number;
}

/** Something a client should never see. */
export interface BadAnswer {
  commandKey: string;
  status: number;
  body: unknown;
}

/** A random amount of whole đồng, as a decimal string (1 to 999,999,999). */
function amount(random: () => number): string {
  return String(1 + Math.floor(random() * 999_999_999));
}

/** The n-th unique command of a client: a collection, a benefit payment or a card, in turn at random. */
export function uniqueCommand(client: number, n: number, random: () => number): SentCommand {
  const tag = `${String(client).padStart(2, '0')}${String(n).padStart(6, '0')}`;
  const kind = Math.floor(random() * 3);
  if (kind === 0) {
    const unitCode = LOAD_EMPLOYERS[Math.floor(random() * LOAD_EMPLOYERS.length)]!;
    const receiptNo = `RL-C-${tag}`;
    return {
      client,
      commandKey: `CollectContribution:${receiptNo}`,
      path: '/api/collections',
      body: { receiptNo, payer: { kind: 'employer', unitCode }, amount: amount(random), collectedOn: '2024-05-10' },
    };
  }
  if (kind === 1) {
    const paymentRef = `RL-P-${tag}`;
    return {
      client,
      commandKey: `PayBenefit:${paymentRef}`,
      path: '/api/benefit-payments',
      body: {
        paymentRef, personId: `77${tag}`, benefit: 'pension', payoutMonth: '2024-05', amount: amount(random),
        channel: 'bank-account', areaCode: LOAD_AREA, paidOn: '2024-05-05',
      },
    };
  }
  const personId = `88${tag}`;
  const cardNo = `DN445${personId}`;
  return {
    client,
    commandKey: `IssueCard:${cardNo}:2024-01-01`,
    path: '/api/cards',
    body: { cardNo, personId, areaCode: LOAD_AREA, validFrom: '2024-01-01', validTo: '2024-12-31', issuedOn: '2023-12-20' },
  };
}

/** The setup the load needs (employers and assessments), sent and acknowledged before any kill. */
export function setupCommands(): SentCommand[] {
  const commands: SentCommand[] = [];
  for (const unitCode of LOAD_EMPLOYERS) {
    commands.push({
      commandKey: `RegisterEmployer:${unitCode}`,
      path: '/api/employers',
      body: { unitCode, name: `Công ty Thử tải ${unitCode}`, areaCode: LOAD_AREA, registeredOn: '2023-01-02' },
    });
    for (const period of ['2024-01', '2024-02', '2024-03']) {
      commands.push({
        commandKey: `AssessContribution:${unitCode}:${period}`,
        path: `/api/employers/${unitCode}/assessments`,
        body: { period, headcount: { socialInsurance: 30, healthInsurance: 31, unemploymentInsurance: 29 }, payroll: '312500000', assessedOn: `${period}-28` },
      });
    }
  }
  return commands;
}

/**
 * The ledger of what the clients saw. A command whose connection was cut is "in doubt": it may or
 * may not have been recorded, and the client sends it again (as a real client retries) until it gets
 * an answer; the same key must then answer 200 with the original event, or 201 if it was not recorded.
 */
export class LoadJournal {
  readonly acknowledged = new Map<string, Acknowledged>();
  readonly inDoubt = new Map<string, SentCommand>();
  readonly badAnswers: BadAnswer[] = [];
  /** Retries of in-doubt commands that turned out to have been recorded before the kill. */
  recoveredDuplicates = 0;
  cutConnections = 0;

  /** Sends one command; returns false when the connection was cut (the server is gone). */
  async send(url: string, command: SentCommand): Promise<boolean> {
    let answer;
    try {
      answer = await call(url, 'POST', command.path, command.body, { timeoutMs: 20_000 });
    } catch {
      this.cutConnections++;
      this.inDoubt.set(command.commandKey, command);
      return false;
    }
    const wasInDoubt = this.inDoubt.delete(command.commandKey);
    if (answer.status === 201 || answer.status === 200) {
      if (answer.status === 200 && wasInDoubt) this.recoveredDuplicates++;
      if (answer.status === 200 && !wasInDoubt) this.badAnswers.push({ commandKey: command.commandKey, status: 200, body: 'a first send answered as a repeat' });
      this.acknowledged.set(command.commandKey, { ...command, status: answer.status, eventId: answer.body.eventId, position: answer.body.position });
    } else {
      this.badAnswers.push({ commandKey: command.commandKey, status: answer.status, body: answer.body });
    }
    return true;
  }
}

/** A small deterministic PRNG (mulberry32), so a failing run can be replayed from its seed. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Runs `clients` concurrent clients against `url` until `stop()` resolves or the server dies; each
 * client first re-sends its in-doubt commands, then new unique ones.
 */
export async function runClients(url: string, journal: LoadJournal, clients: number, counters: number[], random: () => number, until: Promise<void>): Promise<void> {
  let stopped = false;
  void until.then(() => {
    stopped = true;
  });
  const client = async (index: number) => {
    while (!stopped) {
      const retry = [...journal.inDoubt.values()].find((c) => c.client === index);
      const command = retry ?? uniqueCommand(index, counters[index] = (counters[index] ?? 0) + 1, random);
      if (!(await journal.send(url, command))) return;
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, index) => client(index)));
}
