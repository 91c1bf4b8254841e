import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fsyncDir } from '../files/durable.js';

/**
 * Files written so that a crash at any moment leaves either the old or the new content, never a
 * torn one, and checksums that tell a finished file from a torn or foreign one.
 */

/** CRC-32 of a buffer, as stored in the manifest for every segment file. */
export function crc32(buf: Buffer): number {
  return zlib.crc32(buf) >>> 0;
}

/** Writes a file durably: temp file, fsync, rename over the target. */
export function writeFileAtomic(file: string, data: string | Buffer): void {
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  fsyncDir(path.dirname(file));
}

/** Checksums of a finished segment folder's files; also fsyncs them. */
export function sealSegment(dir: string): Record<string, { size: number; crc32: number }> {
  const files: Record<string, { size: number; crc32: number }> = {};
  for (const name of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    const buf = fs.readFileSync(p);
    files[name] = { size: buf.length, crc32: crc32(buf) };
    const fd = fs.openSync(p, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
  }
  fsyncDir(dir);
  return files;
}
