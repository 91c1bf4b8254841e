import crypto from 'node:crypto';
import { inject } from 'vitest';
import pg from 'pg';
import type { DatabaseConfig } from '../../src/config.js';

/** The test database from the global set-up, or why there is none (tests skip with it). */
export const TEST_DATABASE_URL = inject('databaseUrl');
export const DATABASE_MISSING = inject('databaseMissing');
export const hasDatabase = TEST_DATABASE_URL !== '';
if (!hasDatabase) process.stderr.write(`database tests skipped: ${DATABASE_MISSING}\n`);

/** A schema of its own for one test file (tests run in parallel on one database). */
export function testSchema(prefix = 't'): string {
  return `${prefix}_${crypto.randomBytes(5).toString('hex')}`;
}

export function testDatabaseConfig(schema: string, overrides: Partial<DatabaseConfig> = {}): DatabaseConfig {
  return { url: TEST_DATABASE_URL, schema, poolMax: 5, connectTimeoutMs: 5000, statementTimeoutMs: 30_000, ...overrides };
}

/** The environment that points the engine at the test database and a schema. */
export function databaseEnv(schema: string): Record<string, string> {
  return { KIEMCHUNG_DATABASE_URL: TEST_DATABASE_URL, KIEMCHUNG_DATABASE_SCHEMA: schema };
}

export async function dropSchema(schema: string, url = TEST_DATABASE_URL): Promise<void> {
  if (!url) return;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await c.end();
  }
}
