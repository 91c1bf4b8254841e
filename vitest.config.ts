import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One PostgreSQL database for the tests that need one (see test/support/postgres-global.ts).
    globalSetup: ['test/support/postgres-global.ts'],
  },
});
