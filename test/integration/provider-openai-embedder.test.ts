import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createEmbedder } from '../../src/embed/create-embedder.js';
import { createOpenAIEmbedder, OpenAIEmbedder } from '../../src/embed/openai-embedder.js';
import { HashEmbedder } from '../../src/embed/hash-embedder.js';
import { createEngine } from '../../src/engine.js';
import { IndexError, ProviderError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import { deadBaseUrl, type FakeOpenAI, startFakeOpenAI } from '../support/provider-openai-server.js';

const KEY = 'sk-embed-test-456';
let server: FakeOpenAI;
let tmp: string;

const ctxFor = (env: Record<string, string>) => ({ config: loadConfig(env), logger: silentLogger });

beforeAll(async () => {
  server = await startFakeOpenAI({ apiKey: KEY, embeddingModels: ['nomic-embed-text', 'multilingual-e5-small'] });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kiemchung-openai-embed-'));
});
afterAll(async () => {
  await server.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('OpenAI-compatible embeddings', () => {
  it('is chosen by KIEMCHUNG_EMBEDDINGS=openai:<model>, learns its dimension, batches and keeps input order', async () => {
    const e = await createEmbedder('openai:nomic-embed-text', ctxFor({ OPENAI_BASE_URL: server.baseUrl, OPENAI_API_KEY: KEY }));
    expect(e).toBeInstanceOf(OpenAIEmbedder);
    expect(e.id).toBe('openai:nomic-embed-text');
    expect(e.dimension).toBe(32);
    const texts = ['Việt Nam gia nhập IEC', 'đo lường quốc tế', 'hợp tác khoa học', 'tiêu chuẩn điện', 'chuyên gia trẻ'];
    const before = server.embeddingRequests().length;
    const small = new OpenAIEmbedder('nomic-embed-text', server.baseUrl, KEY, { batchSize: 2 });
    small.dimension = 32;
    const vectors = await small.embedPassages(texts);
    const sent = server.embeddingRequests().slice(before);
    expect(sent.map((r) => r.body.input)).toEqual([texts.slice(0, 2), texts.slice(2, 4), texts.slice(4)]);
    expect(sent.every((r) => r.authorization === `Bearer ${KEY}` && r.body.model === 'nomic-embed-text' && r.body.encoding_format === 'float')).toBe(true);
    // The server answers in reverse order; each vector must still belong to its text.
    const direct = await e.embedPassages([texts[3] as string]);
    expect(Array.from(vectors[3] as Float32Array)).toEqual(Array.from(direct[0] as Float32Array));
    const norm = Math.hypot(...(vectors[0] as Float32Array));
    expect(norm).toBeCloseTo(1, 5);
  });

  it('adds e5 prefixes for e5 models and records them in the version', async () => {
    const e = await createOpenAIEmbedder('multilingual-e5-small', ctxFor({ OPENAI_BASE_URL: server.baseUrl, OPENAI_API_KEY: KEY }));
    const before = server.embeddingRequests().length;
    await e.embedQuery('IEC là gì');
    await e.embedDocuments(['Ủy ban Kỹ thuật Điện Quốc tế']);
    expect(
      server
        .embeddingRequests()
        .slice(before)
        .map((r) => r.body.input),
    ).toEqual([['query: IEC là gì'], ['passage: Ủy ban Kỹ thuật Điện Quốc tế']]);
    expect(e.version).not.toBe('1');
  });

  it('retries 429 and 5xx answers with backoff, then succeeds', async () => {
    const flaky = await startFakeOpenAI({ embeddingFailures: [429, 503, 500] });
    try {
      const e = new OpenAIEmbedder('any', flaky.baseUrl, undefined, { maxRetries: 3, baseDelayMs: 1 });
      const [v] = await e.embedDocuments(['thử lại']);
      expect(v).toHaveLength(32);
      expect(flaky.embeddingRequests()).toHaveLength(4);
      expect(flaky.embeddingRequests()[0]?.authorization).toBeUndefined();
    } finally {
      await flaky.close();
    }
  });

  it('gives up after the last retry with a clear message', async () => {
    const busy = await startFakeOpenAI({ embeddingFailures: [503, 503, 503] });
    try {
      const e = new OpenAIEmbedder('any', busy.baseUrl, undefined, { maxRetries: 2, baseDelayMs: 1 });
      await expect(e.embedDocuments(['x'])).rejects.toThrow(/openai-embeddings: request to http:\/\/127\.0\.0\.1:\d+\/v1 failed with HTTP 503/);
      expect(busy.embeddingRequests()).toHaveLength(3);
    } finally {
      await busy.close();
    }
  });

  it('says which of key, model or server is wrong', async () => {
    const wrongKey = await createOpenAIEmbedder('nomic-embed-text', ctxFor({ OPENAI_BASE_URL: server.baseUrl, OPENAI_API_KEY: 'sk-wrong-000' })).catch(
      (e: unknown) => e,
    );
    expect(wrongKey).toBeInstanceOf(ProviderError);
    expect((wrongKey as Error).message).toMatch(/rejected the API key \(HTTP 401\): Incorrect API key provided\.; check OPENAI_API_KEY/);
    await expect(createOpenAIEmbedder('no-such-embedder', ctxFor({ OPENAI_BASE_URL: server.baseUrl, OPENAI_API_KEY: KEY }))).rejects.toThrow(
      /model "no-such-embedder" was not found at .* \(HTTP 404\).*ollama pull/,
    );
    await expect(createOpenAIEmbedder('nomic-embed-text', ctxFor({ OPENAI_BASE_URL: await deadBaseUrl() }), { maxRetries: 1, baseDelayMs: 1 })).rejects.toThrow(
      /cannot reach the server at http:\/\/127\.0\.0\.1:\d+\/v1 \(ECONNREFUSED\)/,
    );
    await expect(createOpenAIEmbedder('text-embedding-3-small', ctxFor({}))).rejects.toThrow(/OPENAI_API_KEY is not set/);
  });

  it('indexes and searches the corpus, and refuses to mix vectors when the embedder changes', async () => {
    const indexDir = path.join(tmp, 'index');
    const embedder = await createOpenAIEmbedder('nomic-embed-text', ctxFor({ OPENAI_BASE_URL: server.baseUrl, OPENAI_API_KEY: KEY }));
    const engine = await createEngine({ env: {}, config: { corpus: path.resolve('corpus'), indexDir }, embedder, logger: silentLogger });
    const hits = await engine.search('Philippe Metzger Tổng Thư ký IEC');
    expect(hits[0]?.articleId).toBe('iec-thanh-vien-2024');
    expect(engine.stats().embedder).toEqual({ id: 'openai:nomic-embed-text', dimension: 32 });
    await engine.close();

    const switched = createEngine({ env: {}, config: { corpus: path.resolve('corpus'), indexDir }, embedder: new HashEmbedder(), logger: silentLogger });
    const err = await switched.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IndexError);
    expect((err as IndexError).code).toBe('index-mismatch');
    expect((err as Error).message).toMatch(/embedder "openai:nomic-embed-text" \(now configured: "hash"\)/);
    await expect(
      createEngine({ env: {}, config: { corpus: path.resolve('corpus'), indexDir }, embedder: new HashEmbedder(), logger: silentLogger, autoIndex: false }),
    ).rejects.toThrow(/index-mismatch|was built with embedder "openai:nomic-embed-text"/);
  });
});
