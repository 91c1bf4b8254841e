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

/** A segment file's size and checksum, as the manifest records them. */
export interface FileSeal {
  size: number;
  crc32: number;
}

/**
 * Writes a new file from byte ranges written one after another (no joined copy), fsyncs it,
 * and returns its size and CRC-32, computed from the bytes written.
 */
export function writeSealedFile(file: string, parts: readonly Uint8Array[]): FileSeal {
  const fd = fs.openSync(file, 'w');
  let crc = 0;
  let size = 0;
  try {
    for (const part of parts) {
      for (let done = 0; done < part.byteLength;) done += fs.writeSync(fd, part, done);
      crc = zlib.crc32(part, crc);
      size += part.byteLength;
    }
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return { size, crc32: crc >>> 0 };
}

/** Size and CRC-32 of a file another writer finished (read back once), fsynced. */
export function sealFile(file: string): FileSeal {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = fs.readFileSync(fd);
    fs.fsyncSync(fd);
    return { size: buf.length, crc32: crc32(buf) };
  } finally {
    fs.closeSync(fd);
  }
}
