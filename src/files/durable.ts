import fs from 'node:fs';

/**
 * Flushes a folder's entries to disk, so that a file renamed into it survives a power cut. Some
 * file systems cannot flush a folder; the rename is still atomic there, so that is not an error.
 */
export function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Not supported here: nothing more can be done.
  }
}

/** Whether a process with this id is running (one we may not signal counts as running). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
