import fs from 'node:fs';
import path from 'node:path';
import { IndexError, KiemchungError } from '../errors.js';
import { processAlive } from '../files/durable.js';
import { writeRefusal } from '../files/write-failure.js';

/** An exclusive lock on the index folder for writers; a lock left by a dead process is taken over. */
export function acquireLock(indexDir: string): () => void {
  try {
    fs.mkdirSync(indexDir, { recursive: true });
  } catch (err) {
    // A path that is a file, or under one, or not writable: say so instead of a stack trace.
    throw new KiemchungError('config', `the index folder ${indexDir} cannot be created: ${(err as Error).message} (set --index or KIEMCHUNG_INDEX_DIR)`, {
      cause: err,
    });
  }
  const file = path.join(indexDir, 'index.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      try {
        fs.writeSync(fd, String(process.pid));
      } catch (err) {
        // A full disk takes the empty file but not its pid: no lock is left behind.
        fs.closeSync(fd);
        fs.rmSync(file, { force: true });
        throw err;
      }
      fs.closeSync(fd);
      return () => fs.rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        const why = writeRefusal(err);
        if (why) throw new IndexError('index-unwritable', `index at ${indexDir} cannot be written: ${why}; the index was left as it was`, { cause: err });
        throw err;
      }
      const pid = Number(fs.readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid)) {
        throw new IndexError('index-locked', `index at ${indexDir} is being written by process ${pid}; wait for it to finish`);
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new IndexError('index-locked', `cannot lock index at ${indexDir}`);
}
