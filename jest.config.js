// npm test: pure machine tests, the medium suite (services on a real database, no HTTP) and the e2e suite, each
// file of the last two on a fresh SQLite database.
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  rootDir: '.',
  testMatch: [
    '<rootDir>/test/**/*.spec.ts',
    '<rootDir>/test/**/*.e2e-spec.ts',
    '<rootDir>/test/medium/**/*.medium-spec.ts',
  ],
  testTimeout: 60000,
  maxWorkers: 2,
};
