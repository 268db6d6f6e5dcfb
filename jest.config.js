// ESM jest: Nest 12 is ESM-only, so tests run under --experimental-vm-modules (see README).
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  moduleNameMapper: {
    '^#bank$': '<rootDir>/libs/bank/src/index.ts',
    '^#domain$': '<rootDir>/libs/domain/src/index.ts',
    '^#event-store$': '<rootDir>/libs/event-store/src/index.ts',
    '^#event-store/testing$': '<rootDir>/libs/event-store/src/testing/index.ts',
    '^#ledger$': '<rootDir>/libs/ledger/src/index.ts',
    '^#read-models$': '<rootDir>/libs/read-models/src/index.ts',
    '^#runtime$': '<rootDir>/libs/runtime/src/index.ts',
    '^#runtime/tunables$': '<rootDir>/libs/runtime/src/tunables.ts',
    '^#ledger/reference-data$': '<rootDir>/libs/ledger/src/reference-data.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  // A limit against a hang, not a speed claim: a loaded 2-core machine runs specs several times slower.
  testTimeout: 180000,
  // A spec that fails before closing what it opened (a projector still polling, a pool) would keep
  // jest from exiting, and turn a failed run into a CI timeout with no summary. Every spec closes
  // what it opens; this is the guard for the failure path only.
  forceExit: true,
};
