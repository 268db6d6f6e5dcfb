import { spawnSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HAND_LEDGER_EVENTS, HAND_LEDGER_NDJSON } from '../support/hand-ledger.js';
import { call } from '../reliability/support/http.js';
import { SEED_EVENTS, SOCAI_BIN, startServer, waitUntil } from '../reliability/support/socai-process.js';

/** The log `socai import` makes of the hand ledger on a new ledger: the seed rates k, then its events. */
const LOG_EVENTS = SEED_EVENTS + HAND_LEDGER_EVENTS;
const PEM = /^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+-----END PUBLIC KEY-----\n$/;

/**
 * `socai keys export-public` on the built binary: the public half of the key that signs checkpoints,
 * for `socai verify --public-key` and tools/verify-export.mjs.
 */
describe('socai keys export-public (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'socai-keys-'));
  const dataDir = join(dir, 'data');
  const env = { ...process.env, SOCAI_DATA_DIR: dataDir, SOCAI_EVENT_STORE: 'sqlite', SOCAI_READ_MODELS: 'sqlite' };
  const run = (...args: string[]) => spawnSync(process.execPath, [SOCAI_BIN, ...args], { env, encoding: 'utf8' });
  const signingKeyFile = join(dataDir, 'signing-key.pem');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the signing key on first use and prints its Ed25519 public key, the same one every time', () => {
    const first = run('keys', 'export-public');
    expect([first.status, first.stderr]).toEqual([0, '']);
    expect(first.stdout).toMatch(PEM);
    // The private half stays in the data dir, readable by its owner only.
    expect(statSync(signingKeyFile).mode & 0o777).toBe(0o600);
    const privateKey = createPrivateKey(readFileSync(signingKeyFile, 'utf8'));
    const publicKey = createPublicKey(first.stdout);
    expect(publicKey.asymmetricKeyType).toBe('ed25519');
    expect(createPublicKey(privateKey).export({ type: 'spki', format: 'pem' })).toBe(first.stdout);
    const message = Buffer.from('checkpoint 41');
    expect(verify(null, message, publicKey, sign(null, message, privateKey))).toBe(true);

    expect(run('keys', 'export-public').stdout).toBe(first.stdout);
    expect(run('public-key').stdout).toBe(first.stdout);
  }, 120_000);

  it('is the key the server signs checkpoints with: verify --public-key accepts it and refuses another', async () => {
    const ledger = join(dir, 'hand-ledger.ndjson');
    writeFileSync(ledger, HAND_LEDGER_NDJSON);
    expect(run('import', ledger).stdout).toMatch(new RegExp(`^recorded ${HAND_LEDGER_EVENTS}, duplicates 0, refused 0`));
    const exported = join(dir, 'exported.pem');
    writeFileSync(exported, run('keys', 'export-public').stdout);

    // The server signs a checkpoint of the log it finds on start (one event is enough to be due).
    const server = await startServer(dataDir, { SOCAI_CHECKPOINT_EVERY_EVENTS: '1' });
    let listed: { position: number }[];
    try {
      listed = await waitUntil('a signed checkpoint at the end of the log', async () => {
        const answer = await call(server.url, 'GET', '/api/audit/checkpoints');
        const checkpoints = answer.body.checkpoints as { position: number }[];
        return checkpoints.some((c) => c.position === LOG_EVENTS) ? checkpoints : undefined;
      });
      const served = await call(server.url, 'GET', '/api/audit/public-key');
      expect(served.body).toBe(readFileSync(exported, 'utf8'));
    } finally {
      await server.stop();
    }

    const intact = run('verify', '--public-key', exported, '--json');
    expect([intact.status, JSON.parse(intact.stdout)]).toEqual([0, { ok: true, eventsChecked: LOG_EVENTS, checkpointsChecked: listed.length }]);
    const other = join(dir, 'other.pem');
    writeFileSync(other, generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }) as string);
    const refused = run('verify', '--public-key', other, '--json');
    expect([refused.status, JSON.parse(refused.stdout).ok]).toEqual([2, false]);
  }, 300_000); // a bound against a hang (above waitUntil's), not a speed
});
