/** Jest runs the TypeScript tests transpiled file by file by esbuild; `npm run typecheck` type-checks. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': '<rootDir>/test/support/esbuild-transform.js',
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  coveragePathIgnorePatterns: ['/node_modules/', '/imports/'],
  testTimeout: 60000,
  // Many suites wait on child processes (the CLI, npm, tsc): two workers keep both cores busy on a 2-core machine (jest's default is cores - 1).
  maxWorkers: 2,
  // The longest suites first (a fresh clone has no cached timings): the two workers finish together.
  testSequencer: '<rootDir>/test/support/sequencer.js',
  setupFiles: ['<rootDir>/test/support/fast-check-setup.ts'],
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
