import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { HashEmbedder } from '../../src/embed/hash-embedder.js';
import { IndexError, KiemchungError, ProviderError } from '../../src/errors.js';
import { crc32 } from '../../src/store/atomic-files.js';
import { readCurrentManifest } from '../../src/store/manifest.js';
import { decodePack, encodePack } from '../../src/store/pack.js';
import { SegmentStore } from '../../src/store/segment-store.js';
import { updateIndex } from '../../src/store/update-index.js';
import { CORPUS, article, copyCorpus, syntheticCorpus, tempDir } from '../support/corpus.js';
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

/** An error as the file system gives it (a full disk, a read-only mount). */
function errnoError(code: string, syscall: string, file?: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${syscall}${file ? ` '${file}'` : ''}`), { code, syscall, ...(file ? { path: file } : {}) });
}

describe('an index folder that refuses writes', () => {
  it('on a full disk fails with index-unwritable, removes what it began to write, and leaves the index serving', async () => {
    const corpus = copyCorpus();
    const dir = tempDir();
    await updateIndex({ indexDir: dir, corpus, embedder });
    const before = fs.readFileSync(path.join(dir, 'CURRENT'), 'utf8');
    fs.writeFileSync(path.join(corpus, 'moi.md'), article('moi', 'Bài mới', ['Một đoạn mới về đo lường quốc tế.']));
    let writes = 0;
    const spy = vi.spyOn(fs, 'writeSync').mockImplementation(() => {
      // The lock's few bytes fit; the segment's files do not.
      if (writes++ === 0) return 5;
      throw errnoError('ENOSPC', 'write');
    });
    let err: unknown;
    try {
      err = await updateIndex({ indexDir: dir, corpus, embedder }).catch((e: unknown) => e);
    } finally {
      spy.mockRestore();
    }
    expect(err).toBeInstanceOf(IndexError);
    expect(err).toMatchObject({
      code: 'index-unwritable',
      message: `index at ${dir} cannot be written: no space left on the device (ENOSPC); the index was left as it was`,
    });
    expect(fs.readFileSync(path.join(dir, 'CURRENT'), 'utf8')).toBe(before);
    expect(fs.readdirSync(path.join(dir, 'segments')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'index.lock'))).toBe(false);
    expect(SegmentStore.open(dir, embedder).stats().articles).toBe(2);
    // With room again, the next update goes through.
    await expect(updateIndex({ indexDir: dir, corpus, embedder })).resolves.toMatchObject({ added: 1, wrote: true });
  });

  it('when read-only fails with index-unwritable naming the folder, before reading anything into it', async () => {
    const dir = tempDir();
    await updateIndex({ indexDir: dir, corpus: CORPUS, embedder });
    const open = fs.openSync;
    const spy = vi.spyOn(fs, 'openSync').mockImplementation((file, ...rest) => {
      if (String(file).endsWith('index.lock')) throw errnoError('EROFS', 'open', String(file));
      return open(file, ...rest);
    });
    try {
      await expect(updateIndex({ indexDir: dir, corpus: CORPUS, embedder, rebuild: true })).rejects.toThrowError(
        expect.objectContaining({
          code: 'index-unwritable',
          message: `index at ${dir} cannot be written: the file system is read-only (EROFS, ${path.join(dir, 'index.lock')}); the index was left as it was`,
        }),
      );
    } finally {
      spy.mockRestore();
    }
  });

  it('a full disk is one line from the command line, never a stack trace', async () => {
    const dir = tempDir();
    const err: string[] = [];
    const spy = vi.spyOn(fs, 'writeSync').mockImplementation(() => {
      throw errnoError('ENOSPC', 'write');
    });
    let code: number;
    try {
      code = await runCli(['index', '--corpus', CORPUS, '--index', dir], {
        out: () => {},
        err: (s) => err.push(s),
        env: { KIEMCHUNG_LOG_LEVEL: 'warn' },
        stdin: new PassThrough(),
      });
    } finally {
      spy.mockRestore();
    }
    expect(code).toBe(1);
    expect(err.join('\n')).toBe(
      `error (index-unwritable): index at ${dir} cannot be written: no space left on the device (ENOSPC); the index was left as it was`,
    );
    expect(fs.existsSync(path.join(dir, 'index.lock'))).toBe(false);
  });
});

describe('what a killed update left', () => {
  it('is removed by the next update, also when it finds the index up to date', async () => {
    const dir = tempDir();
    await updateIndex({ indexDir: dir, corpus: CORPUS, embedder });
    // As `kill -9` leaves them: a segment folder being written, a file being replaced.
    const partial = path.join(dir, 'segments', 'seg-mxc6m7tn-fc35a4.tmp');
    fs.mkdirSync(partial);
    fs.writeFileSync(path.join(partial, 'data.pack'), Buffer.alloc(4096));
    fs.writeFileSync(path.join(dir, 'manifest-000002.json.tmp-99999999'), '{"generation":');
    const r = await updateIndex({ indexDir: dir, corpus: CORPUS, embedder });
    expect(r.wrote).toBe(false);
    expect(fs.existsSync(partial)).toBe(false);
    expect(fs.existsSync(path.join(dir, 'manifest-000002.json.tmp-99999999'))).toBe(false);
    expect(SegmentStore.open(dir, embedder).stats().articles).toBe(2);
  });
});

describe('an update that finds nothing to write', () => {
  it('does not call a torn segment file "up to date": it reports the damage with the rebuild command, which repairs it', async () => {
    const dir = tempDir();
    await updateIndex({ indexDir: dir, corpus: CORPUS, embedder });
    const seg = readCurrentManifest(dir)!.segments[0]!;
    const data = path.join(dir, 'segments', seg.name, 'data.pack');
    fs.truncateSync(data, 100);
    await expect(updateIndex({ indexDir: dir, corpus: CORPUS, embedder })).rejects.toThrowError(
      expect.objectContaining({
        code: 'index-corrupt',
        message: `index at ${dir} is damaged: ${seg.name}/data.pack has 100 bytes, not the ${seg.files['data.pack']!.size} its manifest lists (torn or foreign file); run "kiemchung index --rebuild --index ${dir}" to rebuild it`,
      }),
    );
    await expect(updateIndex({ indexDir: dir, corpus: CORPUS, embedder, rebuild: true })).resolves.toMatchObject({ articles: 2, wrote: true });
    expect(SegmentStore.open(dir, embedder).stats().articles).toBe(2);
  });
});
