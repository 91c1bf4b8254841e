import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Engine, createEngine, silentLogger } from '../../src/index.js';
import { type FakeOpenAI, startFakeOpenAI } from '../support/provider-openai-server.js';
import { CORPUS, REPO, tempDir } from '../support/corpus.js';

/** Replies to "#good" with a sentence citing the source that names the IEC General Secretary, to "#bad" with a made-up citation. */
function reply(messages: { role: string; content: string }[]): string {
  const user = messages.find((m) => m.role === 'user')?.content ?? '';
  const sources = [...user.matchAll(/<source n="(\d+)"[^>]*>\n([\s\S]*?)\n<\/source>/g)].map((m) => ({ n: Number(m[1]), text: m[2] ?? '' }));
  const q = user.slice(user.lastIndexOf('</sources>'));
  if (q.includes('#bad')) return 'IEC có 89 quốc gia thành viên [9].';
  const s = sources.find((x) => x.text.includes('Philippe Metzger, Tổng Thư ký IEC'));
  return s ? `Tổng Thư ký IEC là ông Philippe Metzger [${s.n}].` : '[[NO_ANSWER]]';
}

let server: FakeOpenAI;
let engine: Engine;
beforeAll(async () => {
  server = await startFakeOpenAI({ chatModels: ['fake-chat'], reply, chunkSize: 5 });
  engine = await createEngine({
    config: { corpus: CORPUS, indexDir: tempDir() },
    env: {
      KIEMCHUNG_LLM: 'openai:fake-chat',
      OPENAI_BASE_URL: server.baseUrl,
      OPENAI_API_KEY: 'sk-test-local',
      KIEMCHUNG_PROMPTS_DIR: path.join(REPO, 'prompts'),
    },
    logger: silentLogger,
  });
});
afterAll(async () => {
  await engine.close();
  await server.close();
});

describe('LLM answers through the engine', () => {
  it('streams the model answer, then returns it checked, renumbered and cited verbatim', async () => {
    const partials: string[] = [];
    const a = await engine.ask('Ai là Tổng Thư ký IEC? #good', { onPartial: (t) => partials.push(t) });
    expect(a.mode).toBe('llm');
    expect(a.refused).toBe(false);
    // The checked answer, then when what it cites was reported.
    expect(a.text).toBe('Tổng Thư ký IEC là ông Philippe Metzger [1].\nTheo bài ngày 05/06/2024 [1] (ngày diễn ra sự kiện; bài không ghi ngày đăng).');
    expect(a.citations).toHaveLength(1);
    expect(a.citations[0]).toMatchObject({ marker: 1, articleId: 'iec-thanh-vien-2024' });
    expect(a.citations[0]!.paragraph).toContain(a.citations[0]!.quote);
    expect(partials.length).toBeGreaterThan(1);
    expect(partials.at(-1)).toContain('Philippe Metzger');
    const body = server.chatRequests().at(-1)!.body as { messages: { role: string; content: string }[] };
    expect(body.messages.find((m) => m.role === 'user')?.content).toContain('<source n="1"');
  });

  it('leaves a yes/no question the check does not settle to the closest passage, framed as no verdict, not to the model', async () => {
    const a = await engine.ask('Thái Lan có nằm trong các nước tham gia hội nghị chuyên đề LMC lần 4 cùng Việt Nam đúng không?');
    expect(a.verdict).toBeUndefined();
    expect(a.refused).toBe(false);
    expect(a.mode).toBe('extractive');
    expect(a.text.split('\n')[1]).toBe('Các bài viết đã lưu không khẳng định cũng không bác bỏ trực tiếp điều này; đoạn gần nhất với câu hỏi:');
    expect(a.citations[0]?.quote).toContain('Thái Lan');
  });

  it('falls back to the extractive answer when the model cites a source it was not given', async () => {
    const a = await engine.ask('Ai là Tổng Thư ký IEC? #bad');
    expect(a.mode).toBe('extractive');
    expect(a.text).not.toContain('89');
    expect(a.citations[0]?.quote).toContain('Philippe Metzger');
  });

  it('still refuses without calling the model when the corpus does not answer', async () => {
    const before = server.chatRequests().length;
    const a = await engine.ask('Giá vàng hôm nay bao nhiêu?');
    expect(a.refused).toBe(true);
    expect(server.chatRequests().length).toBe(before);
  });
});

describe('follow-ups with a language model', () => {
  it('shows the model’s reading of a follow-up, and still checks the answer it leads to', async () => {
    const rewrites: string[] = [];
    const rewriter = await startFakeOpenAI({
      chatModels: ['fake-chat'],
      reply: (messages) => {
        const text = messages.map((m) => m.content).join('\n');
        if (text.includes('<history>')) {
          rewrites.push(text);
          return text.includes('#bad') ? 'Tổng Thư ký IEC là ai? #bad' : 'Tổng Thư ký IEC là ai? #good';
        }
        return reply(messages);
      },
    });
    const e = await createEngine({
      config: { corpus: CORPUS, indexDir: tempDir() },
      env: {
        KIEMCHUNG_LLM: 'openai:fake-chat',
        OPENAI_BASE_URL: rewriter.baseUrl,
        OPENAI_API_KEY: 'sk-test-local',
        KIEMCHUNG_PROMPTS_DIR: path.join(REPO, 'prompts'),
      },
      logger: silentLogger,
    });
    try {
      const first = await e.ask('IEC hỗ trợ Việt Nam những gì?');
      const a = await e.ask('Còn người đứng đầu tổ chức đó?', { history: [first] });
      expect(rewrites).toHaveLength(1);
      expect(rewrites[0]).toContain('IEC hỗ trợ Việt Nam những gì?');
      expect(a).toMatchObject({ understood: 'Tổng Thư ký IEC là ai? #good', understoodBy: 'llm', mode: 'llm' });
      expect(a.text.split('\n')[0]).toBe('Hiểu là: Tổng Thư ký IEC là ai? #good');
      // The rewrite leads to an answer whose made-up citation the checker removes.
      const bad = await e.ask('Còn người đứng đầu tổ chức đó? #bad', { history: [first] });
      expect(bad.understoodBy).toBe('llm');
      expect(bad.mode).toBe('extractive');
      expect(bad.text).not.toContain('89');
    } finally {
      await e.close();
      await rewriter.close();
    }
  });
});
