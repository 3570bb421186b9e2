// Two projects: fast unit tests beside the code, and tests against real
// Fabric processes under test/ (network, scenarios, faults).
const moduleNameMapper = {
  '^@idcard/common$': '<rootDir>/common/src/index.ts',
  '^@idcard/chaincode$': '<rootDir>/chaincode/src/index.ts',
  '^@idcard/audit$': '<rootDir>/audit/src/index.ts',
  '^@idcard/gateway$': '<rootDir>/gateway/src/index.ts',
  '^@idcard/network$': '<rootDir>/network/src/index.ts',
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
      testMatch: ['<rootDir>/{common,chaincode,audit,gateway,network,scripts,console}/src/**/*.test.ts'],
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
