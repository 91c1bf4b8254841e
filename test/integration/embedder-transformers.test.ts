import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createEmbedder } from '../../src/embed/create-embedder.js';
import type { Embedder } from '../../src/embed/embedder.js';
import { HashEmbedder } from '../../src/embed/hash-embedder.js';
import { createTransformersEmbedder, inspectModelFolder } from '../../src/embed/transformers-embedder.js';
import { createEngine } from '../../src/engine.js';
import { IndexError, ProviderError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import { writeTinyModel } from '../support/embedder-tiny-model.js';

// The package is optional (about 500 MB with onnxruntime); without it these tests are skipped.
const PACKAGE = '@huggingface/transformers';
const installed = await import(PACKAGE).then(
  () => true,
  () => false,
);

const ctx = { config: loadConfig({}), logger: silentLogger };
const CORPUS = path.resolve('corpus');
const cos = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * (b[i] as number), 0);

/** Every word of the corpus, so the tiny tokenizer knows the Vietnamese it will see. */
function corpusWords(): string[] {
  const text = fs
    .readdirSync(CORPUS)
    .map((f) => fs.readFileSync(path.join(CORPUS, f), 'utf8'))
    .join('\n');
  return text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

describe('transformers embedder: missing package and bad folders', () => {
  it('explains a missing model folder without touching the network', async () => {
    const err = await createTransformersEmbedder('/nonexistent/model', ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as Error).message).toMatch(/model folder \/nonexistent\/model does not exist/);
  });

  it.skipIf(installed)('names the install command when the package is missing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiemchung-nopkg-'));
    try {
      writeTinyModel(dir, { words: ['a'] });
      await expect(createTransformersEmbedder(dir, ctx)).rejects.toThrow(/ONNXRUNTIME_NODE_INSTALL=skip npm install @huggingface\/transformers/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('explains a folder without an ONNX export', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiemchung-nomodel-'));
    try {
      fs.writeFileSync(path.join(dir, 'config.json'), '{}');
      fs.writeFileSync(path.join(dir, 'tokenizer.json'), '{}');
      expect(() => inspectModelFolder(dir)).toThrow(/no ONNX model in .*onnx/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!installed)('transformers embedder with a generated ONNX model', () => {
  let tmp: string;
  let modelDir: string;
  let embedder: Embedder;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kiemchung-onnx-'));
    modelDir = path.join(tmp, 'tiny-e5');
    writeTinyModel(modelDir, { words: corpusWords(), hidden: 24, nameOrPath: 'intfloat/multilingual-e5-small' });
    embedder = await createEmbedder(`transformers:${modelDir}`, ctx);
  });
  afterAll(async () => {
    await embedder?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('loads from the folder and takes its dimension from the model', () => {
    expect(embedder.id).toBe(`transformers:${modelDir}`);
    expect(embedder.dimension).toBe(24);
    expect(embedder.version).toMatch(/^1-[0-9a-z]+$/);
  });

  it('embeds Vietnamese text into unit vectors where related sentences are closer', async () => {
    const [a, b, c] = await embedder.embedPassages([
      'Việt Nam sớm trở thành thành viên chính thức của IEC',
      'IEC hỗ trợ Việt Nam trở thành thành viên chính thức',
      'đo lường pháp định',
    ]);
    for (const v of [a, b, c]) expect(Math.hypot(...(v as Float32Array))).toBeCloseTo(1, 5);
    expect(cos(a as Float32Array, b as Float32Array)).toBeGreaterThan(cos(a as Float32Array, c as Float32Array));
    // NFC and case are normalised by the tokenizer: decomposed, upper-case input gives the same vector.
    const [d] = await embedder.embedPassages(['VIỆT NAM SỚM TRỞ THÀNH THÀNH VIÊN CHÍNH THỨC CỦA IEC'.normalize('NFD')]);
    expect(cos(a as Float32Array, d as Float32Array)).toBeCloseTo(1, 5);
  });

  it('applies the e5 query and passage prefixes', async () => {
    expect(inspectModelFolder(modelDir)).toMatchObject({ queryPrefix: 'query: ', passagePrefix: 'passage: ', pooling: 'mean', dtype: 'fp32' });
    // The tiny vocabulary has no "query"/"passage" words, so check the texts the pipeline receives instead.
    const seen: string[] = [];
    const spy = embedder as unknown as { run(texts: string[]): Promise<number[][]> };
    const original = spy.run.bind(embedder);
    spy.run = async (texts) => {
      seen.push(...texts);
      return original(texts);
    };
    try {
      await embedder.embedQuery('IEC là gì');
      await embedder.embedDocuments(['Ủy ban Kỹ thuật Điện Quốc tế']);
    } finally {
      spy.run = original;
    }
    expect(seen).toEqual(['query: IEC là gì', 'passage: Ủy ban Kỹ thuật Điện Quốc tế']);
  });

  it('also loads a model file written beside config.json (optimum-cli layout)', async () => {
    const flat = path.join(tmp, 'tiny-flat');
    writeTinyModel(flat, { words: corpusWords(), hidden: 8 });
    fs.renameSync(path.join(flat, 'onnx', 'model.onnx'), path.join(flat, 'model.onnx'));
    fs.rmdirSync(path.join(flat, 'onnx'));
    expect(inspectModelFolder(flat)).toMatchObject({ subfolder: '', onnxFile: 'model.onnx', queryPrefix: '' });
    const e = await createTransformersEmbedder(flat, ctx);
    try {
      expect(e.dimension).toBe(8);
      expect(await e.embedQuery('Việt Nam')).toHaveLength(8);
    } finally {
      await e.close();
    }
  });

  it('reads prompts and pooling from sentence-transformers files, and changes version with them', () => {
    const other = path.join(tmp, 'tiny-st');
    writeTinyModel(other, { words: ['a'], prompts: { query: 'Q: ', document: 'D: ' } });
    fs.mkdirSync(path.join(other, '1_Pooling'));
    fs.writeFileSync(path.join(other, '1_Pooling', 'config.json'), JSON.stringify({ pooling_mode_cls_token: true, pooling_mode_mean_tokens: false }));
    const info = inspectModelFolder(other);
    expect(info).toMatchObject({ queryPrefix: 'Q: ', passagePrefix: 'D: ', pooling: 'cls' });
    expect(inspectModelFolder(other, { queryPrefix: '' }).fingerprint).not.toBe(info.fingerprint);
  });

  it('indexes and searches the corpus with it, and reports a mismatch when the embedder changes', async () => {
    const indexDir = path.join(tmp, 'index');
    const engine = await createEngine({ env: {}, config: { corpus: CORPUS, indexDir }, embedder, logger: silentLogger });
    const hits = await engine.search('Tổng Thư ký IEC Philippe Metzger');
    expect(hits[0]?.articleId).toBe('iec-thanh-vien-2024');
    const answer = await engine.ask('Ai là Tổng Thư ký IEC?');
    expect(answer.citations[0]?.articleId).toBe('iec-thanh-vien-2024');
    // The engine's close would dispose the shared model; the suite's afterAll does that.

    const err = await createEngine({ env: {}, config: { corpus: CORPUS, indexDir }, embedder: new HashEmbedder(), logger: silentLogger }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(IndexError);
    expect((err as IndexError).code).toBe('index-mismatch');
    expect((err as Error).message).toContain(`was built with embedder "transformers:${modelDir}" (now configured: "hash")`);

    // The same model with other prefixes makes other vectors: a version mismatch, not silent mixing.
    const reprefixed = await createTransformersEmbedder(modelDir, ctx, { queryPrefix: '', passagePrefix: '' });
    try {
      await expect(createEngine({ env: {}, config: { corpus: CORPUS, indexDir }, embedder: reprefixed, logger: silentLogger })).rejects.toThrow(
        /embedder version 1-\w+ \(now 1-\w+\)/,
      );
    } finally {
      await reprefixed.close();
    }
  });
});
