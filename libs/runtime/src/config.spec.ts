import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromEnv } from './config.js';
import { SocaiRuntime } from './runtime.js';

describe('SOCAI_STATE_CACHE_EVENTS', () => {
  it('defaults to 1,200,000 folded events', () => {
    expect(configFromEnv({}).stateCacheEvents).toBe(1_200_000);
    expect(configFromEnv({ SOCAI_STATE_CACHE_EVENTS: '' }).stateCacheEvents).toBe(1_200_000);
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

describe('the limits on one import line and one JSON body (issue 20)', () => {
  it('default to 1 MiB a line, 1,000 keys an object, 100,000 keys and items in all, 32 levels', () => {
    const config = configFromEnv({});
    expect([config.maxLineBytes, config.jsonLimits]).toEqual([1_048_576, { maxKeys: 1_000, maxValues: 100_000, maxDepth: 32 }]);
  });

  it('are set from the environment', () => {
    const config = configFromEnv({ SOCAI_MAX_LINE_BYTES: '4096', SOCAI_MAX_JSON_KEYS: '50', SOCAI_MAX_JSON_VALUES: '500', SOCAI_MAX_JSON_DEPTH: '8' });
    expect([config.maxLineBytes, config.jsonLimits]).toEqual([4096, { maxKeys: 50, maxValues: 500, maxDepth: 8 }]);
  });

  it('refuse a limit that is not a whole number above 0, naming the variable', () => {
    expect(() => configFromEnv({ SOCAI_MAX_LINE_BYTES: '1mb' })).toThrow('SOCAI_MAX_LINE_BYTES=1mb: expected a whole number greater than 0');
    expect(() => configFromEnv({ SOCAI_MAX_JSON_DEPTH: '0' })).toThrow('SOCAI_MAX_JSON_DEPTH=0: expected a whole number greater than 0');
  });
});

describe('the operations settings (issue 25)', () => {
  it('defaults to info, JSON off a terminal, no metrics token, 1,000 events of tolerated lag', () => {
    const config = configFromEnv({});
    expect([config.logLevel, config.metricsToken, config.readyMaxLag]).toEqual(['info', undefined, 1_000]);
    expect(config.logFormat).toBe(process.stdout.isTTY ? 'pretty' : 'json');
  });

  it('takes the level, the format, the token and a lag of 0', () => {
    const config = configFromEnv({ SOCAI_LOG_LEVEL: 'debug', SOCAI_LOG_FORMAT: 'pretty', SOCAI_METRICS_TOKEN: 'm-token', SOCAI_READY_MAX_LAG: '0' });
    expect([config.logLevel, config.logFormat, config.metricsToken, config.readyMaxLag]).toEqual(['debug', 'pretty', 'm-token', 0]);
  });

  it.each([
    ['SOCAI_LOG_LEVEL', 'loud', 'SOCAI_LOG_LEVEL=loud: expected one of fatal, error, warn, info, debug, trace, silent'],
    ['SOCAI_LOG_FORMAT', 'xml', 'SOCAI_LOG_FORMAT=xml: expected one of json, pretty'],
    ['SOCAI_READY_MAX_LAG', '-1', 'SOCAI_READY_MAX_LAG=-1: expected a whole number from 0'],
  ])('refuses %s=%s at start-up', (name, value, message) => {
    expect(() => configFromEnv({ [name]: value })).toThrow(message);
  });
});
