import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Engine, createEngine, silentLogger } from '../../src/index.js';
import { CORPUS, REPO, tempDir } from '../support/corpus.js';
import { type ChatMessage, type FakeOpenAI, deadBaseUrl, startFakeOpenAI } from '../support/provider-openai-server.js';

/** The numbered sources and the claim of a check prompt, as the model sees them. */
function read(messages: ChatMessage[]) {
  const user = messages.find((m) => m.role === 'user')?.content ?? '';
  const sources = [...user.matchAll(/<source n="(\d+)"[^>]*>\n([\s\S]*?)\n<\/source>/g)].map((m) => ({ n: Number(m[1]), text: m[2] ?? '' }));
  const claim = /(?:Nhận định cần kiểm chứng|The claim to check): (.*)$/m.exec(user)?.[1] ?? '';
  return { sources, claim };
}

/**
 * A scripted model. It answers check prompts by the claim it is given: wrongly "supported"
 * for the claim about Hà Nội (the articles say Bắc Kinh), correctly for the others, and with
 * an invented quote or an unreadable reply where a test asks for one.
 */
function reply(messages: ChatMessage[]): string {
  const { sources, claim } = read(messages);
  const find = (words: string) => sources.find((s) => s.text.includes(words));
  if (claim.includes('Hà Nội')) {
    const s = find('Bắc Kinh');
    return JSON.stringify({ verdict: 'supported', quotes: [{ source: s?.n ?? 1, quote: 'được tổ chức tại thành phố Bắc Kinh - Trung Quốc' }], mismatches: [] });
  }
  if (claim.includes('73 năm')) {
    const s = find('73 năm');
    return `Kết quả:\n\`\`\`json\n${JSON.stringify({ verdict: 'supported', quotes: [{ source: s?.n ?? 1, quote: 'đánh dấu mốc 73 năm quan hệ ngoại giao giữa Việt Nam và Trung Quốc' }] })}\n\`\`\``;
  }
  if (claim.includes('ba bên')) {
    const s = find('2 bên');
    return JSON.stringify({
      verdict: 'contradicted',
      quotes: [{ source: s?.n ?? 1, quote: 'tiền đề cho hợp tác giữa 2 bên trong thời gian tới' }],
      mismatches: [{ kind: 'number', claimed: 'ba bên', stated: '2 bên', source: s?.n ?? 1 }],
    });
  }
  if (claim.includes('Geneva'))
    return JSON.stringify({
      verdict: 'contradicted',
      quotes: [{ source: 1, quote: 'Buổi làm việc diễn ra tại Geneva, Thụy Sĩ.' }],
      mismatches: [{ kind: 'place', claimed: 'Geneva', stated: 'Geneva, Thụy Sĩ', source: 1 }],
    });
  return 'Tôi nghĩ nhận định này đúng.';
}

let server: FakeOpenAI;
let engine: Engine;
beforeAll(async () => {
  server = await startFakeOpenAI({ chatModels: ['fake-chat'], reply });
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

describe('the claim check with a language model', () => {
  it('overrules a "supported" that the offline check contradicts, and says so', async () => {
    const r = await engine.check('Hội nghị LMC lần thứ 4 được tổ chức tại Hà Nội.');
    const c = r.claims[0]!;
    expect(c).toMatchObject({ verdict: 'contradicted', mode: 'llm', overruled: true });
    expect(c.mismatches[0]).toMatchObject({ kind: 'place', claimed: 'Hà Nội', stated: 'Bắc Kinh - Trung Quốc' });
    expect(c.notes?.join(' ')).toMatch(/the model said supported/);
    const sent = server.chatRequests().at(-1)!.body as { messages: ChatMessage[] };
    expect(sent.messages[1]!.content).toContain('Nhận định cần kiểm chứng: Hội nghị LMC lần thứ 4 được tổ chức tại Hà Nội.');
  });

  it('keeps a verdict whose quotes are verified word for word, reading JSON inside a code fence', async () => {
    const c = (await engine.check('Hội nghị chuyên đề LMC lần thứ 4 đánh dấu 73 năm quan hệ ngoại giao Việt Nam – Trung Quốc.')).claims[0]!;
    expect(c).toMatchObject({ verdict: 'supported', mode: 'llm' });
    expect(c.evidence[0]!.quote).toBe('đánh dấu mốc 73 năm quan hệ ngoại giao giữa Việt Nam và Trung Quốc');
    expect(c.evidence[0]!.paragraph).toContain(c.evidence[0]!.quote);
  });

  it('takes a contradiction whose mismatch is found in both texts', async () => {
    const c = (await engine.check('Các nội dung trao đổi là tiền đề cho hợp tác giữa ba bên trong thời gian tới.')).claims[0]!;
    expect(c).toMatchObject({ verdict: 'contradicted', mode: 'llm' });
    expect(c.mismatches).toEqual([{ kind: 'number', claimed: 'ba bên', stated: '2 bên', citation: 1 }]);
    expect(c.evidence[0]!.quote).toContain('2 bên');
  });

  it('drops an invented quote and keeps the offline verdict, with a note', async () => {
    const c = (await engine.check('Thứ trưởng Lê Xuân Định tiếp ông Philippe Metzger, Tổng Thư ký IEC, ngày 5/6/2024 tại Geneva.')).claims[0]!;
    expect(c.mode).toBe('offline');
    expect(c.verdict).toBe('contradicted');
    expect(c.mismatches[0]).toMatchObject({ kind: 'place', claimed: 'Geneva', stated: 'Hà Nội' });
    expect(c.notes?.join(' ')).toMatch(/not in source \[1\] word for word/);
    for (const e of c.evidence) expect(e.paragraph).toContain(e.quote);
  });

  it('falls back to the offline verdict when the reply is not a verdict', async () => {
    const c = (await engine.check('Ông Philippe Metzger là Tổng Thư ký IEC.')).claims[0]!;
    expect(c).toMatchObject({ verdict: 'supported', mode: 'offline' });
    expect(c.notes?.[0]).toMatch(/not a verdict in the expected form/);
  });
});

describe('the claim check when the model cannot be reached', () => {
  it('gives the offline verdict instead of failing', async () => {
    const down = await createEngine({
      config: { corpus: CORPUS, indexDir: tempDir() },
      env: {
        KIEMCHUNG_LLM: 'openai:fake-chat',
        OPENAI_BASE_URL: await deadBaseUrl(),
        OPENAI_API_KEY: 'sk-test-local',
        KIEMCHUNG_PROMPTS_DIR: path.join(REPO, 'prompts'),
      },
      logger: silentLogger,
    });
    try {
      const c = (await down.check('Hội nghị LMC lần thứ 4 được tổ chức tại Hà Nội.')).claims[0]!;
      expect(c).toMatchObject({ verdict: 'contradicted', mode: 'offline' });
      expect(c.notes?.[0]).toMatch(/could not be reached/);
    } finally {
      await down.close();
    }
  });
});
