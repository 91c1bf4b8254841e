/**
 * A throwaway PostgreSQL cluster with pgvector for tests and benchmarks: initdb in a temporary
 * folder, listening on 127.0.0.1 on a free port, stopped and removed at the end. initdb refuses
 * to run as root, so a root process runs the server as the `postgres` user.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface Cluster {
  /** `postgres://…@127.0.0.1:port/kiemchung_test` */
  url: string;
  port: number;
  dataDir: string;
  /** Stops the server (fast shutdown: connections are cut, as when a database goes away); nothing when stopped. */
  stop(): void;
  /** Starts it again on the same port; nothing when running. */
  start(): void;
  /** Stops it and removes its folder. */
  destroy(): void;
}

/** Where the server programs are and whether pgvector is installed for them, or why not. */
export function findPostgres(): { bin: string } | { missing: string } {
  const candidates: string[] = [];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim());
  } catch {
    // pg_config is not on PATH: look where Debian installs the server.
  }
  const debian = '/usr/lib/postgresql';
  if (fs.existsSync(debian)) {
    for (const v of fs.readdirSync(debian).sort((a, b) => Number(b) - Number(a))) candidates.push(path.join(debian, v, 'bin'));
  }
  const bin = candidates.find((b) => ['initdb', 'pg_ctl', 'postgres'].every((p) => fs.existsSync(path.join(b, p))));
  if (!bin) return { missing: 'PostgreSQL server programs (initdb, pg_ctl) were not found' };
  let share: string;
  try {
    share = execFileSync(path.join(bin, 'pg_config'), ['--sharedir'], { encoding: 'utf8' }).trim();
  } catch {
    share = path.join('/usr/share/postgresql', path.basename(path.dirname(bin)));
  }
  if (!fs.existsSync(path.join(share, 'extension', 'vector.control'))) return { missing: `pgvector is not installed for the PostgreSQL in ${bin}` };
  return { bin };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a server program, as `postgres` when this process is root. */
function run(bin: string, program: string, args: string[]): void {
  const exe = path.join(bin, program);
  const r = isRoot() ? spawnSync('runuser', ['-u', 'postgres', '--', exe, ...args], { encoding: 'utf8' }) : spawnSync(exe, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${program} ${args.join(' ')} failed: ${r.stderr || r.stdout || r.error?.message}`);
}

/**
 * Starts a new cluster with a `kiemchung_test` database that has pgvector; throws with the reason
 * when it cannot. `settings` are server settings beside the defaults here (\`shared_buffers\`: 256MB).
 */
export async function startCluster(settings: Record<string, string> = {}): Promise<Cluster> {
  const found = findPostgres();
  if ('missing' in found) throw new Error(found.missing);
  const { bin } = found;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-pg-'));
  const dataDir = path.join(root, 'data');
  const log = path.join(root, 'server.log');
  if (isRoot()) execFileSync('chown', ['postgres:', root]);
  run(bin, 'initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync', '--locale=C']);
  const port = await freePort();
  const opts = [
    `-c listen_addresses=127.0.0.1`,
    `-p ${port}`,
    `-k ${root}`,
    `-c fsync=off`,
    `-c synchronous_commit=off`,
    `-c full_page_writes=off`,
    `-c max_connections=200`,
    ...Object.entries({ shared_buffers: '256MB', ...settings }).map(([k, v]) => `-c ${k}=${v}`),
  ].join(' ');
  let running = false;
  const start = () => {
    if (running) return;
    run(bin, 'pg_ctl', ['-D', dataDir, '-o', opts, '-l', log, '-w', '-t', '60', 'start']);
    running = true;
  };
  const stop = () => {
    if (!running) return;
    run(bin, 'pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
    running = false;
  };
  start();
  const admin = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  try {
    await c.query('CREATE DATABASE kiemchung_test');
  } finally {
    await c.end();
  }
  const url = `postgres://postgres@127.0.0.1:${port}/kiemchung_test`;
  const t = new pg.Client({ connectionString: url });
  await t.connect();
  try {
    await t.query('CREATE EXTENSION IF NOT EXISTS vector');
  } finally {
    await t.end();
  }
  let destroyed = false;
  return {
    url,
    port,
    dataDir,
    stop,
    start,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      try {
        run(bin, 'pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // Already stopped.
      }
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
