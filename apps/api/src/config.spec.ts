import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromEnv } from './config.js';
import { SocaiRuntime } from './runtime.js';

describe('SOCAI_STATE_CACHE_EVENTS', () => {
  it('defaults to 1,000,000 folded events', () => {
    expect(configFromEnv({}).stateCacheEvents).toBe(1_000_000);
    expect(configFromEnv({ SOCAI_STATE_CACHE_EVENTS: '' }).stateCacheEvents).toBe(1_000_000);
  });

  it('takes a whole number of events', () => {
    expect(configFromEnv({ SOCAI_STATE_CACHE_EVENTS: '1000000' }).stateCacheEvents).toBe(1_000_000);
  });

  it.each(['lots', '0', '-5', '1.5', '1e6'])('refuses %p at start-up, naming the variable', (value) => {
    expect(() => configFromEnv({ SOCAI_STATE_CACHE_EVENTS: value })).toThrow(
      `SOCAI_STATE_CACHE_EVENTS=${value}: expected a whole number greater than 0`,
    );
  });

  it("sizes the ledger's decision-state cache", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'socai-config-'));
    const runtime = SocaiRuntime.open(configFromEnv({ SOCAI_DATA_DIR: dataDir, SOCAI_STATE_CACHE_EVENTS: '1234' }));
    try {
      expect(runtime.ledger.states.capacity).toBe(1234);
    } finally {
      await runtime.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
