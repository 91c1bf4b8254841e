import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One temporary folder for the run, removed at its end (test/support/temp-global.ts), and one
    // PostgreSQL database for the tests that need one (test/support/postgres-global.ts).
    globalSetup: ['test/support/temp-global.ts', 'test/support/postgres-global.ts'],
  },
});
