import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HashEmbedder } from '../../src/embed/hash-embedder.js';
import { IndexError, KiemchungError, ProviderError } from '../../src/errors.js';
import { crc32 } from '../../src/store/atomic-files.js';
import { readCurrentManifest } from '../../src/store/manifest.js';
import { decodePack, encodePack } from '../../src/store/pack.js';
import { SegmentStore } from '../../src/store/segment-store.js';
import { updateIndex } from '../../src/store/update-index.js';
import { CORPUS, syntheticCorpus, tempDir } from '../support/corpus.js';
import { ShortEmbedder } from '../support/short-embedder.js';

const embedder = new HashEmbedder();

/** Replaces a segment file and records its checksum in the live manifest, as a foreign writer would. */
function replaceSegmentFile(dir: string, file: string, data: Buffer): void {
  const name = fs.readFileSync(path.join(dir, 'CURRENT'), 'utf8').trim();
  const m = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
  const seg = m.segments[0];
  fs.writeFileSync(path.join(dir, 'segments', seg.name, file), data);
  seg.files[file] = { size: data.length, crc32: crc32(data) };
  fs.writeFileSync(path.join(dir, name), JSON.stringify(m));
}

describe('a damaged pack', () => {
  it('is an index-corrupt IndexError naming the file, never a half-read', () => {
    const good = encodePack({ a: Uint32Array.of(1, 2, 3) });
    expect(decodePack(good, 'x.pack').get<Uint32Array>('a')).toEqual(Uint32Array.of(1, 2, 3));
    expect(() => decodePack(Buffer.from('not a pack at all'), 'x.pack')).toThrowError(
      expect.objectContaining({ code: 'index-corrupt', message: 'x.pack is not a kiemchung data file' }),
    );
    // The header's length field points past a JSON that was cut short: the parser's error is the cause.
    const torn = Buffer.from(good);
    torn.writeUInt32LE(torn.readUInt32LE(4) - 5, 4);
    let headerError: unknown;
    try {
      decodePack(torn, 'x.pack', 'rebuild it');
    } catch (err) {
      headerError = err;
    }
    expect(headerError).toBeInstanceOf(IndexError);
    expect(headerError).toMatchObject({ code: 'index-corrupt', message: 'x.pack has an unreadable header; rebuild it', cause: expect.any(SyntaxError) });
    expect(() => decodePack(good.subarray(0, good.length - 8), 'x.pack')).toThrowError(/x\.pack has an array \(a\) out of bounds/);
    expect(() => decodePack(good, 'x.pack').get('b')).toThrowError(/x\.pack has no array b/);
  });

  it('with a checksum that matches (a foreign file) stops the store from opening, with the rebuild command', async () => {
    const dir = tempDir();
    await updateIndex({ indexDir: dir, corpus: CORPUS, embedder });
    replaceSegmentFile(dir, 'data.pack', Buffer.from('{"this is": "not a pack"}'));
    expect(() => SegmentStore.open(dir, embedder)).toThrowError(IndexError);
    expect(() => SegmentStore.open(dir, embedder)).toThrowError(
      /is damaged: seg-[0-9a-z-]+\/data\.pack is not a kiemchung data file; run "kiemchung index --rebuild/,
    );
  });

  it('of vectors with the wrong count is refused when the vectors are read (merges re-use them)', async () => {
    const dir = tempDir();
    await updateIndex({ indexDir: dir, corpus: CORPUS, embedder });
    replaceSegmentFile(dir, 'vectors.pack', encodePack({ vectors: new Float32Array(16 * 256) }, { dimension: 256 }));
    const store = SegmentStore.open(dir, embedder);
    expect(() => store.segments[0]!.vectors()).toThrowError(
      expect.objectContaining({ code: 'index-corrupt', message: expect.stringMatching(/holds 16 vectors of 256 for 17 passages/) }),
    );
  });
});

describe('an embedder that returns the wrong number of vectors', () => {
  it('fails the build with a provider error instead of indexing zero vectors', async () => {
    const dir = tempDir();
    await expect(updateIndex({ indexDir: dir, corpus: CORPUS, embedder: new ShortEmbedder(), workers: 1 })).rejects.toThrowError(
      expect.objectContaining({ code: 'provider', message: 'embedder hash: returned 16 vectors for 17 passages' }),
    );
    expect(readCurrentManifest(dir)).toBeNull();
  });

  it('fails inside a build worker with the worker’s code, message and stack', async () => {
    const corpus = tempDir();
    syntheticCorpus(corpus, 120);
    const dir = tempDir();
    await updateIndex({ indexDir: dir, corpus: CORPUS, embedder });
    const before = fs.readFileSync(path.join(dir, 'CURRENT'), 'utf8');
    const err = await updateIndex({ indexDir: dir, corpus, embedder: new ShortEmbedder(), workers: 2, passagesPerWorker: 100, rebuild: true }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(KiemchungError);
    expect(err).not.toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ code: 'provider', message: expect.stringMatching(/^embedder hash: returned \d+ vectors for \d+ passages$/) });
    const cause = (err as Error).cause as Error;
    expect(cause.name).toBe('ProviderError');
    expect(cause.stack).toMatch(/embedPassagesChecked/);
    // Nothing was published: the previous generation is still the live one.
    expect(fs.readFileSync(path.join(dir, 'CURRENT'), 'utf8')).toBe(before);
    expect(SegmentStore.open(dir, embedder).stats().articles).toBe(2);
  });
});
