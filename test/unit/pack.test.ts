import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crc32, sealFile, writeSealedFile } from '../../src/store/atomic-files.js';
import { decodePack, encodePack, packParts } from '../../src/store/pack.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiemchung-pack-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('packs written from their parts', () => {
  // Lengths that leave each array unaligned, an empty one, and one of every kind.
  const arrays = {
    text: Uint8Array.from([1, 2, 3, 4, 5]),
    empty: new Uint32Array(0),
    ids: Uint32Array.of(7, 8, 9),
    tfs: Uint16Array.of(1, 2, 3),
    signed: Int32Array.of(-1, 5),
    vectors: Float32Array.of(0.5, -0.25, 3),
  };

  it('writes the bytes of encodePack, with the size and CRC-32 of the file on disk', () => {
    const file = path.join(dir, 'a.pack');
    const seal = writeSealedFile(file, packParts(arrays, { dimension: 3 }));
    const bytes = fs.readFileSync(file);
    expect(bytes.equals(encodePack(arrays, { dimension: 3 }))).toBe(true);
    expect(seal).toEqual({ size: bytes.length, crc32: crc32(bytes) });
    expect(sealFile(file)).toEqual(seal);
    const pack = decodePack(bytes, 'test pack');
    expect(pack.meta).toEqual({ dimension: 3 });
    for (const [name, a] of Object.entries(arrays)) expect(Array.from(pack.get(name))).toEqual(Array.from(a));
  });

  it('writes views of larger buffers as the views, not their whole buffers', () => {
    const backing = Uint32Array.of(100, 1, 2, 3, 200);
    const file = path.join(dir, 'b.pack');
    writeSealedFile(file, packParts({ mid: backing.subarray(1, 4) }));
    expect(Array.from(decodePack(fs.readFileSync(file), 'test pack').get('mid'))).toEqual([1, 2, 3]);
  });
});
