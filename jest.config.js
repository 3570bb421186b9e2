// Two projects: fast unit tests beside the code, and tests against real
// Fabric processes under test/ (network, scenarios, faults).
const moduleNameMapper = {
  '^@idcard/common$': '<rootDir>/common/src/index.ts',
  '^@idcard/ca-client$': '<rootDir>/ca-client/src/index.ts',
  '^@idcard/chaincode$': '<rootDir>/chaincode/src/index.ts',
  '^@idcard/audit$': '<rootDir>/audit/src/index.ts',
  '^@idcard/gateway$': '<rootDir>/gateway/src/index.ts',
  '^@idcard/network$': '<rootDir>/network/src/index.ts',
  '^@idcard/system$': '<rootDir>/system/src/index.ts',
  '^@idcard/bench$': '<rootDir>/bench/src/index.ts',
  '^@idcard/cli$': '<rootDir>/scripts/src/index.ts',
  // The test-support doors: helpers other packages' tests share (never part of a build).
  '^@idcard/audit/testing$': '<rootDir>/audit/src/test-support/index.ts',
  '^@idcard/ca-client/testing$': '<rootDir>/ca-client/src/test-support/index.ts',
  '^@idcard/gateway/testing$': '<rootDir>/gateway/src/test-support/index.ts',
  '^@idcard/console/testing$': '<rootDir>/console/src/test-support/index.ts',
};
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.check.json' }],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: [
        '<rootDir>/{common,ca-client,chaincode,audit,gateway,network,system,bench,scripts,console}/src/**/*.test.ts',
      ],
      moduleNameMapper,
      transform,
    },
    {
      displayName: 'integration',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      moduleNameMapper,
      transform,
    },
  ],
  // Tests against real processes set their own longer timeouts on beforeAll/it.
  testTimeout: 30000,
  collectCoverageFrom: [
    'chaincode/src/**/*.ts',
    '!chaincode/src/**/*.test.ts',
    '!chaincode/src/**/test-support/**',
  ],
  // The summary is printed by every `npm test` (the coverage figure); lcov for browsing.
  coverageReporters: ['text-summary', 'lcov'],
  coverageThreshold: { 'chaincode/src/': { lines: 90 } },
};
