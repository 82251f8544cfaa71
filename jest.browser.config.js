// npm run test:browser: the web pages in Debian's Chromium (/usr/bin/chromium) through playwright-core, with axe-core.
// One app per file on a fresh SQLite database with the demo data; files run one after the other (2 cores).
module.exports = {
  // Type-checked by `npm run typecheck`; transpiling only keeps the suite's start short.
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true }] },
  testEnvironment: 'node',
  rootDir: '.',
  testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
  testTimeout: 120000,
  maxWorkers: 1,
};
