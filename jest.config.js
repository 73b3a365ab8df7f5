// Three projects: backend/frontend unit specs beside their source, and integration specs in
// test/ against a real PostgreSQL (see test/utils/global-setup.ts).
const esmTsJest = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'test/tsconfig.json' }] },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testEnvironment: 'node',
};

export default {
  // a global option (Jest ignores it per project): integration hooks load whole hospitals
  testTimeout: 120000,
  projects: [
    {
      ...esmTsJest,
      displayName: 'unit',
      roots: ['<rootDir>/backend/src'],
      testMatch: ['**/*.spec.ts'],
    },
    {
      ...esmTsJest,
      displayName: 'integration',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.integration-spec.ts', '**/*.e2e-spec.ts', '**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/test/utils/global-setup.ts',
      globalTeardown: '<rootDir>/test/utils/global-teardown.ts',
    },
    {
      displayName: 'frontend',
      roots: ['<rootDir>/frontend/src'],
      testMatch: ['**/*.spec.ts', '**/*.spec.tsx'],
      extensionsToTreatAsEsm: ['.ts', '.tsx'],
      transform: {
        '^.+\\.tsx?$': ['ts-jest', { useESM: true, tsconfig: 'frontend/tsconfig.json' }],
      },
      moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
      testEnvironment: 'jsdom',
      setupFiles: ['<rootDir>/frontend/jest.setup.ts'],
    },
  ],
};
