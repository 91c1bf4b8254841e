import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDiscordConfig } from '../../adapters/discord/config.js';
import { type HandlerState, createInteractionHandler } from '../../adapters/discord/handler.js';
import type { HandlerContext } from '../../adapters/discord/interaction.js';
import { createRateLimiter } from '../../adapters/shared/rate-limit.js';
import { type Answer, type Engine, IndexError, createEngine, silentLogger } from '../../src/index.js';
import { type StandIn, autocomplete, buttonPress, chatInput, limitViolations, messageMenu, recordingLogger } from '../support/discord-stand-in.js';

const EPHEMERAL = 64;
const ADMIN = '999999999999999999';
const GUILD = '222222222222222222';
const OTHER_GUILD = '333333333333333333';

let real: Engine;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kc-discord-handlers-'));
  real = await createEngine({ config: { corpus: 'corpus', indexDir: dir }, logger: silentLogger });
});

afterAll(async () => {
  await real?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The real engine, counting what reaches it; `override` replaces single methods (a failing or huge `ask`). */
function spied(override: Partial<Engine> = {}) {
  const seen = { ask: [] as string[], check: [] as string[], search: [] as string[], source: [] as string[], suggest: [] as string[], reindex: 0 };
  const engine: Engine = {
    limits: override.limits ?? real.limits,
    coordination: real.coordination,
    checked: real.checked,
    searchReady: real.searchReady,
    ask: (q, o) => (seen.ask.push(q), (override.ask ?? real.ask)(q, o)),
    check: (t, o) => (seen.check.push(t), (override.check ?? real.check)(t, o)),
    search: (q, o) => (seen.search.push(q), real.search(q, o)),
    source: (id) => (seen.source.push(id), (override.source ?? real.source)(id)),
    suggest: (p, n) => (seen.suggest.push(p), real.suggest(p, n)),
    stats: () => real.stats(),
    reindex: () => (seen.reindex++, (override.reindex ?? real.reindex)()),
    add: (u, o) => (override.add ?? real.add)(u, o),
    get feeds() {
      return real.feeds;
    },
    watchFeeds: (f) => real.watchFeeds(f),
    close: async () => {},
  };
  return { engine, seen };
}

function setup(options: { env?: Record<string, string>; override?: Partial<Engine>; state?: HandlerState } = {}) {
  const { engine, seen } = spied(options.override);
  const logger = recordingLogger();
  const config = loadDiscordConfig({ DISCORD_TOKEN: 'test-token-not-real', ADMIN_IDS: ADMIN, ...options.env });
  const ctx: HandlerContext = { engine, logger, config, limiter: createRateLimiter({ limit: config.rateLimit }) };
  const handle = createInteractionHandler(ctx, options.state);
  const run = async (s: StandIn) => {
    await handle(s.interaction);
    return s;
  };
  return { run, seen, logger };
}

function embedsOf(s: StandIn) {
  return s.calls.flatMap((c) => c.payload?.embeds ?? []);
}

function textOf(s: StandIn): string {
  return JSON.stringify(s.calls.map((c) => c.payload));
}

/** Every payload within Discord's limits and with mentions switched off. */
function expectWellFormed(s: StandIn) {
  for (const c of s.calls) {
    if (c.method === 'deferReply' || c.method === 'respond') continue;
    expect(limitViolations(c.payload), c.method).toEqual([]);
    expect(c.payload.allowedMentions).toEqual({ parse: [] });
  }
}

describe('/ask', () => {
  it('defers first (privately by default), then edits in an embed with real citations', async () => {
    const { run, seen } = setup();
    const s = await run(chatInput('ask', { question: 'Việt Nam ký kết gì tại Hội nghị LMC lần thứ 4?' }));
    expect(s.methods()).toEqual(['deferReply', 'editReply']);
    expect(s.calls[0]!.payload).toEqual({ flags: EPHEMERAL });
    expect(seen.ask).toEqual(['Việt Nam ký kết gì tại Hội nghị LMC lần thứ 4?']);
    const [embed] = embedsOf(s);
    expect(embed.title).toContain('Hội nghị LMC');
    expect(embed.description).toMatch(/\[1\]/);
    expect(embed.fields.length).toBeGreaterThan(0);
    for (const f of embed.fields) expect(f.value).toMatch(/`do-luong-lmc-2023#p\d+`/);
    expect(embed.footer.text).toBe('Kho: 2 bài, 17 đoạn · 29/08/2023 – 05/06/2024');
    const buttons = s.calls[1]!.payload.components.flatMap((r: any) => r.components);
    expect(buttons.map((b: any) => b.custom_id)).toEqual(embed.fields.map((f: any) => `kc:p:${/`([^`]+)`/.exec(f.value)![1]}`));
    expectWellFormed(s);
  });

  it('public:true makes the deferral, and so the answer, visible to the channel', async () => {
    const { run } = setup();
    const s = await run(chatInput('ask', { question: 'IEC là gì?', public: true }));
    expect(s.methods()[0]).toBe('deferReply');
    expect(s.calls[0]!.payload.flags).toBeUndefined();
  });

  it('a refusal says so and lists the closest articles', async () => {
    const { run } = setup();
    const s = await run(chatInput('ask', { question: 'Giá vàng hôm nay là bao nhiêu?' }));
    expect(s.methods()).toEqual(['deferReply', 'editReply']);
    const [embed] = embedsOf(s);
    expect(embed.description).toContain('Không tìm thấy thông tin này');
    expect(embed.description).toContain('Bài gần nhất trong kho');
    expect(embed.fields.map((f: any) => f.name).sort()).toEqual([
      'Hỗ trợ để Việt Nam sớm trở thành thành viên chính thức của IEC',
      'Việt Nam cam kết tăng cường hợp tác đo lường trong khu vực',
    ]);
    expect(s.calls[1]!.payload.components).toEqual([]);
  });

  it('a deliberately huge answer is spread over follow-ups, each within every limit and as private as the reply', async () => {
    const huge = async (q: string): Promise<Answer> => {
      const a = await real.ask('Việt Nam ký kết gì tại Hội nghị LMC lần thứ 4?');
      const c = a.citations[0]!;
      return {
        ...a,
        question: q,
        text: `${a.text}\n`.repeat(80),
        citations: Array.from({ length: 40 }, (_, k) => ({ ...c, marker: k + 1, quote: c.paragraph.repeat(5) })),
      };
    };
    for (const isPublic of [false, true]) {
      const { run } = setup({ override: { ask: huge } });
      const s = await run(chatInput('ask', { question: 'x'.repeat(900), public: isPublic }));
      const methods = s.methods();
      expect(methods.slice(0, 2)).toEqual(['deferReply', 'editReply']);
      expect(methods.length).toBeGreaterThan(3);
      expect(new Set(methods.slice(2))).toEqual(new Set(['followUp']));
      for (const c of s.calls.slice(2)) expect(c.payload.flags).toBe(isPublic ? undefined : EPHEMERAL);
      expectWellFormed(s);
      const fields = embedsOf(s).flatMap((e: any) => e.fields ?? []);
      expect(fields).toHaveLength(40);
      expect(fields.every((f: any) => f.value.length <= 1024)).toBe(true);
    }
  });

  it('shows the short direct answer first, in bold, with the marker of its quote', async () => {
    const { run } = setup();
    const s = await run(chatInput('ask', { question: 'Hội nghị LMC lần thứ 4 được tổ chức ở đâu?' }));
    const [embed] = embedsOf(s);
    expect(embed.description.startsWith('**thành phố Bắc Kinh - Trung Quốc** [1]\n')).toBe(true);
    expect(embed.fields[0].value).toContain('Bắc Kinh');
    expectWellFormed(s);
    const plain = await run(chatInput('ask', { question: 'Đo lường được coi là yếu tố quan trọng trong việc gì?' }));
    expect(embedsOf(plain)[0].description.startsWith('**')).toBe(false);
  });

  it('answers in English to an English question', async () => {
    const { run } = setup();
    const s = await run(chatInput('ask', { question: 'Who is the Secretary General of IEC?' }, { locale: 'en-US' }));
    const [embed] = embedsOf(s);
    expect(embed.footer.text).toMatch(/^Archive: 2 articles, 17 paragraphs/);
  });
});

describe('hostile input', () => {
  const cases: [string, string][] = [
    ['empty', ''],
    ['whitespace', ' \t\n  '],
    ['zero-width and bidi marks only', '\u200b\u200c\u200d\u200e\u200f\u202e\u2066\ufeff'],
    ['control characters', '\u0000\u0007\u001b\u007f\u0085'],
  ];
  for (const [name, question] of cases) {
    it(`${name}: one short private reply, the engine is not asked`, async () => {
      const { run, seen } = setup();
      const s = await run(chatInput('ask', { question }));
      expect(s.methods()).toEqual(['deferReply', 'editReply']);
      expect(s.calls[1]!.payload.content).toBe('Hãy nhập một câu hỏi có chữ.');
      expect(seen.ask).toEqual([]);
    });
  }

  it('refuses a question over the engine’s limit with its length, as Telegram does, in the question’s language', async () => {
    const { run, seen } = setup();
    const question = 'Viện Đo lường Việt Nam ký kết gì? '.repeat(150).trim();
    const s = await run(chatInput('ask', { question }));
    expect(real.limits.maxQuestionChars).toBe(2000);
    expect(s.methods()).toEqual(['deferReply', 'editReply']);
    expect(s.calls[1]!.payload.content).toBe(`Câu hỏi quá dài (${question.length} ký tự). Xin rút gọn dưới 2000 ký tự.`);
    const en = await run(chatInput('ask', { question: 'What did Vietnam sign at the LMC symposium? '.repeat(60).trim() }, { locale: 'vi' }));
    expect(en.calls[1]!.payload.content).toMatch(/^That question is too long \(\d+ characters\)\. Please keep it under 2000\.$/);
    // Nothing was answered on a part of the question.
    expect(seen.ask).toEqual([]);
    expectWellFormed(s);
  });

  it('follows the engine’s limit, not one of its own', async () => {
    const { run, seen } = setup({ override: { limits: { maxQuestionChars: 100, maxCheckChars: 10_000 } } });
    const s = await run(chatInput('ask', { question: 'Viện Đo lường Việt Nam ký kết gì? '.repeat(10) }));
    expect(seen.ask).toEqual([]);
    expect(s.calls[1]!.payload.content).toMatch(/^Câu hỏi quá dài \(\d+ ký tự\)\. Xin rút gọn dưới 100 ký tự\.$/);
    await run(chatInput('search', { query: 'IEC '.repeat(50) }));
    expect(seen.search[0]!.length).toBeLessThanOrEqual(100);
  });

  it('Markdown and mention injection stay inert; RTL and zero-width characters are dropped', async () => {
    const { run, seen } = setup();
    const s = await run(chatInput('ask', { question: '@everyone <@123456789012345678> **IEC** [bấm](https://evil.example) \u202eIEC\u200b là gì?' }));
    expect(seen.ask[0]).not.toMatch(/[\u202e\u200b]/);
    const title: string = embedsOf(s)[0].title;
    expect(title).not.toMatch(/@everyone|<@1|\*\*IEC|\[bấm\]\(/);
    expect(title).toContain('\\*\\*IEC\\*\\*');
    expectWellFormed(s);
  });
});

describe('/search', () => {
  it('lists matching paragraphs privately, with a button for each', async () => {
    const { run } = setup();
    const s = await run(chatInput('search', { query: 'Philippe Metzger' }));
    expect(s.methods()).toEqual(['deferReply', 'editReply']);
    expect(s.calls[0]!.payload).toEqual({ flags: EPHEMERAL });
    const [embed] = embedsOf(s);
    expect(embed.fields.length).toBeGreaterThan(0);
    expect(embed.fields[0].value).toContain('iec-thanh-vien-2024#p');
    expect(s.calls[1]!.payload.components[0].components[0].custom_id).toMatch(/^kc:p:iec-thanh-vien-2024#p\d+$/);
  });
});

describe('/source and its autocomplete', () => {
  it('shows the whole paragraph privately', async () => {
    const { run } = setup();
    const s = await run(chatInput('source', { id: 'do-luong-lmc-2023#p3' }));
    expect(s.methods()).toEqual(['deferReply', 'editReply']);
    expect(s.calls[0]!.payload).toEqual({ flags: EPHEMERAL });
    const p = (await real.source('do-luong-lmc-2023#p3'))!;
    const [embed] = embedsOf(s);
    expect(embed.title).toBe(p.title);
    expect(embed.description).toBe(p.text);
    expect(embed.footer.text).toContain('do-luong-lmc-2023#p3 · đoạn 3/');
  });

  for (const id of ['../../etc/passwd', 'do-luong-lmc-2023#p3/../../x', '/etc/passwd#p1', 'a'.repeat(5000), '']) {
    it(`refuses the id ${JSON.stringify(id.slice(0, 30))} without a lookup`, async () => {
      const { run, seen } = setup();
      const s = await run(chatInput('source', { id }));
      expect(s.methods()).toEqual(['reply']);
      expect(s.calls[0]!.payload.flags).toBe(EPHEMERAL);
      expect(s.calls[0]!.payload.content).toMatch(/Mã đoạn không hợp lệ/);
      expect(seen.source).toEqual([]);
    });
  }

  it('says so for a well-formed id that is not in the archive', async () => {
    const { run } = setup();
    const s = await run(chatInput('source', { id: 'do-luong-lmc-2023#p999' }));
    expect(s.methods()).toEqual(['deferReply', 'editReply']);
    expect(s.calls[1]!.payload.content).toBe('Không có đoạn nào mang mã này trong kho.');
  });

  it('autocomplete offers paragraph ids and titles within the 25-choice and 100-character limits', async () => {
    const { run } = setup();
    const s = await run(autocomplete('source', 'iec'));
    expect(s.methods()).toEqual(['respond']);
    const choices = s.calls[0]!.payload as { name: string; value: string }[];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const c of choices) {
      expect(c.value).toMatch(/^iec-thanh-vien-2024#p\d+$/);
      expect(c.name.length).toBeLessThanOrEqual(100);
    }
    const hostile = await run(autocomplete('source', '../'.repeat(2000)));
    expect(hostile.methods()).toEqual(['respond']);
  });
});

describe('buttons', () => {
  it('show the cited paragraph in full, privately', async () => {
    const { run, seen } = setup();
    const s = await run(buttonPress('kc:p:iec-thanh-vien-2024#p2'));
    expect(s.methods()).toEqual(['deferReply', 'editReply']);
    expect(s.calls[0]!.payload).toEqual({ flags: EPHEMERAL });
    expect(seen.source).toEqual(['iec-thanh-vien-2024#p2']);
    expect(embedsOf(s)[0].description).toContain('Lê Xuân Định');
  });

  for (const id of ['kc:p:../../etc/passwd', `kc:p:${'x'.repeat(200)}`, 'kc:p:', 'something-else', 'kc:p:do-luong-lmc-2023#p3\u0000']) {
    it(`reject a tampered custom id ${JSON.stringify(id.slice(0, 30))}`, async () => {
      const { run, seen } = setup();
      const s = await run(buttonPress(id));
      expect(s.methods()).toEqual(['reply']);
      expect(s.calls[0]!.payload).toMatchObject({ content: 'Nút này không còn hợp lệ.', flags: EPHEMERAL });
      expect(seen.source).toEqual([]);
    });
  }
});

describe('/check', () => {
  it('leads with the verdict, then "bài viết ghi / nhận định ghi", then the quote with its paragraph and button', async () => {
    const { run, seen } = setup();
    const s = await run(chatInput('check', { statement: 'Hội nghị LMC lần thứ 4 được tổ chức tại Hà Nội.' }));
    expect(s.methods()).toEqual(['deferReply', 'editReply']);
    expect(s.calls[0]!.payload).toEqual({ flags: EPHEMERAL });
    expect(seen.check).toEqual(['Hội nghị LMC lần thứ 4 được tổ chức tại Hà Nội.']);
    const [embed] = embedsOf(s);
    expect(embed.title).toBe('❌ Sai so với bài viết');
    expect(embed.color).toBe(0xc53030);
    expect(embed.description.split('\n')).toEqual([
      '**Nhận định:**',
      '> Hội nghị LMC lần thứ 4 được tổ chức tại Hà Nội.',
      '• **Địa điểm:** bài viết ghi “**Bắc Kinh - Trung Quốc**” · nhận định ghi “Hà Nội” [1]',
    ]);
    expect(embed.fields[0].name).toMatch(/^\[1\] Việt Nam cam kết tăng cường hợp tác đo lường trong khu vực · 29\/08\/2023 \(ngày sự kiện\) · đoạn 1$/);
    expect(embed.fields[0].value).toMatch(/^> Vào ngày 29 tháng 8 năm 2023, .*Bắc Kinh - Trung Quốc\.\n`do-luong-lmc-2023#p1`$/);
    const buttons = s.calls[1]!.payload.components.flatMap((r: any) => r.components);
    expect(buttons.map((b: any) => b.custom_id)).toEqual(['kc:p:do-luong-lmc-2023#p1']);
    expectWellFormed(s);
  });

  it('checks every claim of a post, says which sentences it skipped, and speaks English to English', async () => {
    const { run } = setup();
    const s = await run(
      chatInput('check', {
        statement: 'Breaking! The 4th LMC symposium was held in Hanoi. Philippe Metzger is the General Secretary of the IEC. Who knew?',
        public: true,
      }),
    );
    expect(s.calls[0]!.payload.flags).toBeUndefined();
    const [embed] = embedsOf(s);
    expect(embed.title).toBe('❌ Contradicted by the articles');
    expect(embed.description).toContain('**Claim 1** · ❌ Contradicted by the articles');
    expect(embed.description).toContain('• **Place:** the article says “**Bắc Kinh**” · the claim says “Hanoi” [1]');
    expect(embed.description).toContain('**Claim 2** · ✅ Supported by the articles');
    expect(embed.description).toMatch(/_Not checked: “Breaking!” \(nothing to check\); “Who knew\?” \(a question\)_/);
    expect(embed.fields.map((f: any) => f.name.slice(0, 4))).toEqual(expect.arrayContaining(['1·[1', '2·[1']));
    expectWellFormed(s);
  });

  it('says so when there is nothing to check', async () => {
    const { run, seen } = setup();
    const s = await run(chatInput('check', { statement: 'Xin chào!' }));
    expect(embedsOf(s)[0].description).toBe('Không có nhận định nào để kiểm chứng (chỉ có câu hỏi, lời chào hoặc ý kiến).');
    const empty = await run(chatInput('check', { statement: '  \u200b ' }));
    expect(empty.calls[1]!.payload.content).toBe('Hãy nhập một nhận định có chữ để kiểm chứng.');
    expect(seen.check).toEqual(['Xin chào!']);
  });
});

describe('Verify (message context menu)', () => {
  it('checks the text of the message, privately, verdict first', async () => {
    const { run, seen } = setup();
    const s = await run(messageMenu('Verify', { content: 'Việt Nam đã trở thành thành viên chính thức của IEC vào tháng 6/2024.' }));
    expect(s.methods()).toEqual(['deferReply', 'editReply']);
    expect(s.calls[0]!.payload).toEqual({ flags: EPHEMERAL });
    expect(seen.check).toEqual(['Việt Nam đã trở thành thành viên chính thức của IEC vào tháng 6/2024.']);
    const [embed] = embedsOf(s);
    expect(embed.title).toBe('❌ Sai so với bài viết');
    expect(embed.description).toMatch(/• \*\*Đã làm \/ dự định:\*\* bài viết ghi “\*\*(sẽ hỗ trợ Việt Nam|mong muốn)/);
    expect(textOf(s)).toContain('iec-thanh-vien-2024#p');
    expectWellFormed(s);
  });

  it('checks a question as the statement it asks about, reads an embed-only message, and says so when there is no text at all', async () => {
    const { run, seen } = setup();
    const q = await run(messageMenu('Verify', { content: 'Thứ trưởng Lê Xuân Định tiếp Tổng Thư ký IEC ngày 5/6/2024 ở Geneva phải không?' }));
    expect(embedsOf(q)[0].title).toBe('❌ Sai so với bài viết');
    await run(messageMenu('Verify', { content: '', embeds: [{ title: 'IEC', description: 'Việt Nam muốn thành viên IEC' }] }));
    expect(seen.check.slice(-1)).toEqual(['IEC\nViệt Nam muốn thành viên IEC']);
    const empty = await run(messageMenu('Verify', { content: '   ', embeds: [] }));
    expect(empty.calls[1]!.payload.content).toBe('Tin nhắn này không có chữ để kiểm chứng.');
  });
});

describe('error boundary', () => {
  const failing = async (): Promise<Answer> => {
    throw new IndexError('index-corrupt', 'checksum mismatch in /srv/kiemchung/index/segment-7.bin');
  };

  it('after the deferral: edits in a short message chosen by code, logs the whole error, shows no stack', async () => {
    const { run, logger } = setup({ override: { ask: failing } });
    const s = await run(chatInput('ask', { question: 'IEC là gì?' }));
    expect(s.methods()).toEqual(['deferReply', 'editReply']);
    const content: string = s.calls[1]!.payload.content;
    expect(content).toBe('Kho bài đang gặp sự cố. Quản trị viên đã được báo.');
    expect(textOf(s)).not.toMatch(/srv|segment|IndexError|\n\s+at /);
    expect(logger.lines.join('\n')).toMatch(/discord command ask failed[\s\S]*segment-7\.bin[\s\S]*\n\s+at /);
  });

  it('after a sent reply: follows up privately', async () => {
    const { run } = setup({ override: { source: async () => ({ ...(await real.source('do-luong-lmc-2023#p1'))!, text: 'x'.repeat(9000) }) } });
    // The first message goes out, the follow-up with the rest of the paragraph fails, the boundary follows up once more.
    const s = await run(buttonPress('kc:p:do-luong-lmc-2023#p1', { failOn: 'followUp' }));
    expect(s.methods()).toEqual(['deferReply', 'editReply', 'followUp', 'followUp']);
    expect(s.calls[3]!.payload).toMatchObject({ content: 'Đã có lỗi xảy ra; lỗi đã được ghi lại. Xin thử lại sau.', flags: EPHEMERAL });
  });

  it('before any response: replies privately; an unknown error gets the generic message in English', async () => {
    const { run, logger } = setup();
    const s = await run(chatInput('ask', { question: 'IEC?' }, { failOn: 'deferReply', locale: 'en-GB' }));
    expect(s.methods()).toEqual(['deferReply', 'reply']);
    expect(s.calls[1]!.payload).toMatchObject({ content: 'Something went wrong; it has been logged. Please try again later.', flags: EPHEMERAL });
    expect(logger.lines.some((l) => l.startsWith('error discord command ask failed'))).toBe(true);
  });

  it('autocomplete failures are logged, not thrown', async () => {
    const { run, logger } = setup();
    const s = autocomplete('source', 'iec');
    (s.interaction as any).respond = async () => {
      throw new Error('Unknown interaction');
    };
    await expect(run(s)).resolves.toBeDefined();
    expect(logger.lines.join('\n')).toContain('autocomplete for source failed');
  });
});

describe('manners', () => {
  it('rate-limits questions per user with one polite private reply each, others still served', async () => {
    const { run, seen } = setup({ env: { DISCORD_RATE_LIMIT: '2' } });
    const alice = { user: { id: '444444444444444444' } };
    for (let k = 0; k < 2; k++) expect((await run(chatInput('ask', { question: 'IEC?' }, alice))).methods()[0]).toBe('deferReply');
    const limited = await run(chatInput('ask', { question: 'IEC?' }, alice));
    expect(limited.methods()).toEqual(['reply']);
    expect(limited.calls[0]!.payload).toMatchObject({ flags: EPHEMERAL });
    expect(limited.calls[0]!.payload.content).toMatch(/^Bạn hỏi hơi nhanh\. Hãy thử lại sau \d+ giây\.$/);
    const verify = await run(messageMenu('Verify', { content: 'IEC?' }, alice));
    expect(verify.methods()).toEqual(['reply']);
    expect(seen.ask).toHaveLength(2);
    // Reading a paragraph is not limited, and another user is served.
    expect((await run(chatInput('source', { id: 'do-luong-lmc-2023#p1' }, alice))).methods()[0]).toBe('deferReply');
    expect((await run(chatInput('ask', { question: 'IEC?' }, { user: { id: '555555555555555555' } }))).methods()[0]).toBe('deferReply');
  });

  it('enforces the guild allow-list for commands, buttons and autocomplete (direct messages included)', async () => {
    const { run, seen } = setup({ env: { DISCORD_ALLOWED_GUILDS: GUILD } });
    expect((await run(chatInput('ask', { question: 'IEC?' }, { guildId: GUILD }))).methods()[0]).toBe('deferReply');
    for (const guildId of [OTHER_GUILD, null]) {
      const s = await run(chatInput('ask', { question: 'IEC?' }, { guildId }));
      expect(s.methods()).toEqual(['reply']);
      expect(s.calls[0]!.payload).toMatchObject({ content: 'Bot chưa được bật cho máy chủ này.', flags: EPHEMERAL });
      expect((await run(buttonPress('kc:p:do-luong-lmc-2023#p1', { guildId }))).methods()).toEqual(['reply']);
      const ac = await run(autocomplete('source', 'iec', { guildId }));
      expect(ac.calls[0]!.payload).toEqual([]);
    }
    expect(seen.ask).toHaveLength(1);
    expect(seen.source).toHaveLength(0);
    expect(seen.suggest).toHaveLength(0);
  });

  it('/reindex runs only for ADMIN_IDS', async () => {
    const { run, seen, logger } = setup();
    const denied = await run(chatInput('reindex', {}, { user: { id: '666666666666666666' } }));
    expect(denied.methods()).toEqual(['reply']);
    expect(denied.calls[0]!.payload).toMatchObject({ content: 'Bạn không có quyền dùng lệnh này.', flags: EPHEMERAL });
    expect(seen.reindex).toBe(0);
    expect(logger.lines.join('\n')).toContain('/reindex refused for user 666666666666666666');

    const allowed = await run(chatInput('reindex', {}, { user: { id: ADMIN } }));
    expect(allowed.methods()).toEqual(['deferReply', 'editReply']);
    expect(allowed.calls[0]!.payload).toEqual({ flags: EPHEMERAL });
    expect(seen.reindex).toBe(1);
    expect(embedsOf(allowed)[0].title).toBe('Đã cập nhật chỉ mục');
    expect(embedsOf(allowed)[0].description).toMatch(/^2 bài, 17 đoạn/);
  });

  it('unknown commands and shutdown get a short private reply', async () => {
    const { run } = setup();
    const unknown = await run(chatInput('deleteeverything', {}));
    expect(unknown.calls).toEqual([{ method: 'reply', payload: expect.objectContaining({ content: 'Lệnh này không còn tồn tại.', flags: EPHEMERAL }) }]);
    const state: HandlerState = { closing: true };
    const closing = setup({ state });
    const s = await closing.run(chatInput('ask', { question: 'IEC?' }));
    expect(s.methods()).toEqual(['reply']);
    expect(s.calls[0]!.payload.content).toBe('Bot đang khởi động lại. Hãy thử lại sau ít phút.');
    expect(closing.seen.ask).toEqual([]);
  });
});

describe('preview script', () => {
  it('renders real questions about the seed articles as the bot would send them', async () => {
    const { previewAnswers } = await import('../../adapters/discord/preview.js');
    const out = await previewAnswers(real, [
      'Việt Nam ký kết gì tại Hội nghị LMC lần thứ 4?',
      'Thứ trưởng Lê Xuân Định đề nghị IEC điều gì?',
      'Giá vàng hôm nay là bao nhiêu?',
    ]);
    expect(out.map((o) => o.messages.length)).toEqual([1, 1, 1]);
    expect(out[0]!.messages[0]!.embeds[0]!.fields![0]!.value).toMatch(/`do-luong-lmc-2023#p\d+`/);
    expect(out[1]!.messages[0]!.embeds[0]!.fields![0]!.value).toMatch(/`iec-thanh-vien-2024#p\d+`/);
    expect(out[2]!.messages[0]!.embeds[0]!.description).toContain('Không tìm thấy');
  });
});
