/**
 * Vitest's global set-up: one database for every test file that needs PostgreSQL. It is
 * KIEMCHUNG_TEST_DATABASE_URL when set (CI starts a server and sets it); otherwise a throwaway
 * cluster when PostgreSQL and pgvector are installed here; otherwise none, with the reason,
 * and the database tests skip saying it.
 */
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { type Cluster, startCluster } from './postgres-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test database's URL, or '' when there is none. */
    databaseUrl: string;
    /** Why there is no test database. */
    databaseMissing: string;
  }
}

async function check(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await c.connect();
  try {
    await c.query('CREATE EXTENSION IF NOT EXISTS vector');
  } finally {
    await c.end();
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  let cluster: Cluster | null = null;
  let url = process.env['KIEMCHUNG_TEST_DATABASE_URL']?.trim() ?? '';
  let missing = '';
  try {
    if (url) await check(url);
    else {
      cluster = await startCluster();
      url = cluster.url;
    }
  } catch (err) {
    missing = `${url ? `KIEMCHUNG_TEST_DATABASE_URL (${url.replace(/\/\/[^@]*@/, '//…@')}) cannot be used` : 'no test database could be started'}: ${(err as Error).message.split('\n')[0]}`;
    url = '';
  }
  project.provide('databaseUrl', url);
  project.provide('databaseMissing', missing);
  return () => cluster?.destroy();
}
