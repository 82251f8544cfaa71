// npm run test:pg: the e2e suite and the medium suite on PostgreSQL (a fresh database per test file).
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  rootDir: '.',
  testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts', '<rootDir>/test/medium/**/*.medium-spec.ts'],
  // The SQLite backup (VACUUM INTO) has no PostgreSQL counterpart in the service: pg_dump is (test/e2e/cli.e2e-spec.ts).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/medium/backup.medium-spec.ts'],
  testTimeout: 60000,
  // Two files at a time, each on its own database (CREATE DATABASE per file): half the wall time of one at a time.
  maxWorkers: 2,
  testEnvironmentOptions: {},
  globals: {},
  setupFiles: ['<rootDir>/test/e2e/pg-env.js'],
};
