import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, createLogger } from '../../src/index.js';
import { type FakeOpenAI, startFakeOpenAI } from '../support/provider-openai-server.js';
import { CORPUS, REPO, tempDir } from '../support/corpus.js';

const GOOD_KEY = 'sk-good-key-4f1b2c3d4e5f';
const BAD_KEY = 'sk-wrong-key-9a8b7c6d5e4f';

let server: FakeOpenAI;
beforeAll(async () => {
  server = await startFakeOpenAI({ apiKey: GOOD_KEY, chatModels: ['fake-chat'], embeddingModels: ['fake-embed'], reply: () => 'x' });
});
afterAll(() => server.close());

describe('secrets never reach logs or error messages', () => {
  it('a failing start with a wrong embeddings key', async () => {
    const lines: string[] = [];
    const env = { KIEMCHUNG_EMBEDDINGS: 'openai:fake-embed', OPENAI_BASE_URL: server.baseUrl, OPENAI_API_KEY: BAD_KEY };
    const err = await createEngine({
      config: { corpus: CORPUS, indexDir: tempDir() },
      env,
      logger: createLogger('debug', (l) => lines.push(l), [BAD_KEY]),
    }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    const text = `${(err as Error).message}\n${(err as Error).stack}\n${String((err as { cause?: unknown }).cause ?? '')}\n${lines.join('\n')}`;
    expect((err as { code?: string }).code).toBe('provider');
    expect((err as Error).message).toMatch(/key|401|unauthori/i);
    expect(text).not.toContain(BAD_KEY);
  });

  it('a failing LLM call during an answer, logged by the engine with its default logger', async () => {
    const lines: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    try {
      const env = {
        KIEMCHUNG_LLM: 'openai:fake-chat',
        OPENAI_BASE_URL: server.baseUrl,
        OPENAI_API_KEY: BAD_KEY,
        KIEMCHUNG_PROMPTS_DIR: path.join(REPO, 'prompts'),
        KIEMCHUNG_LOG_LEVEL: 'debug',
      };
      const engine = await createEngine({ config: { corpus: CORPUS, indexDir: tempDir() }, env });
      const a = await engine.ask('Ai là Tổng Thư ký IEC?');
      expect(a.mode).toBe('extractive');
      expect(a.citations[0]?.quote).toContain('Philippe Metzger');
      await engine.close();
    } finally {
      process.stderr.write = write;
    }
    const log = lines.join('');
    expect(log).toMatch(/LLM answer failed/);
    expect(log).not.toContain(BAD_KEY);
  });
});
