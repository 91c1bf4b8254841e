/**
 * Vitest's global set-up: the temporary folders the tests make, and those of the processes they
 * start, all go under one folder of this run (TMPDIR, which `os.tmpdir()` reads), removed when
 * the run ends; a test run leaves nothing behind in the system's temporary folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const before = process.env['TMPDIR'];
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-tests-'));
  // Readable by others, as the system's temporary folder is: a test cluster's server runs as its own user.
  fs.chmodSync(root, 0o755);
  process.env['TMPDIR'] = root;
  return () => {
    if (before === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = before;
    fs.rmSync(root, { recursive: true, force: true });
  };
}
