import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { CORPUS, SHARED_DATA, copyCorpus, hasSharedData, tempDir } from '../support/corpus.js';

const hasClaims =
  fs.existsSync(path.join(SHARED_DATA, 'claims-vifactcheck-dev', 'claims.jsonl')) && fs.existsSync(path.join(SHARED_DATA, 'baomoi', 'corpus.jsonl.gz'));

async function cli(args: string[], env: NodeJS.ProcessEnv = {}, stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const input = new PassThrough();
  input.end(stdin);
  const code = await runCli(args, { out: (s) => out.push(s), err: (s) => err.push(s), env: { KIEMCHUNG_LOG_LEVEL: 'warn', ...env }, stdin: input });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('kiemchung command line', () => {
  // In a directory of its own: `eval` caches its indexes beside the index (`<parent>/eval`).
  const index = path.join(tempDir(), 'index');
  const base = ['--corpus', CORPUS, '--index', index];

  it('indexes with a one-line summary, then reports "up to date"', async () => {
    const first = await cli(['index', ...base]);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^indexed 2 articles, 17 passages \(2 added, 0 changed, 0 removed, 0 unchanged\) in [\d.]+ s/);
    const again = await cli(['index', ...base]);
    expect(again.out).toMatch(/indexed 2 articles, 17 passages \(up to date\)/);
  });

  it('asks with citations, and prints the Answer object with --json', async () => {
    const plain = await cli(['ask', 'Ai là Tổng Thư ký IEC?', ...base]);
    expect(plain.code).toBe(0);
    expect(plain.out).toMatch(/Philippe Metzger/);
    expect(plain.out).toMatch(/\[1\] Hỗ trợ để Việt Nam sớm trở thành thành viên chính thức của IEC \(05\/06\/2024\) — đoạn 2, iec-thanh-vien-2024#p2/);
    const json = await cli(['ask', 'Ai là Tổng Thư ký IEC?', '--json', ...base]);
    const a = JSON.parse(json.out);
    expect(a).toMatchObject({ refused: false, mode: 'extractive', lang: 'vi' });
    expect(a.citations[0].paragraph).toContain(a.citations[0].quote);
  });

  it('checks a statement, verdict first, and prints the CheckResult with --json', async () => {
    const plain = await cli(['check', 'Hội nghị LMC lần thứ 4 được tổ chức tại Hà Nội. Bạn thấy sao?', ...base]);
    expect(plain.code).toBe(0);
    const lines = plain.out.split('\n');
    expect(lines[0]).toMatch(/^❌ Sai so với bài viết \(độ tin cậy 0\.\d\d\)$/);
    expect(lines[1]).toBe('  Địa điểm: bài viết ghi “Bắc Kinh - Trung Quốc” — nhận định ghi “Hà Nội” [1]');
    expect(plain.out).toMatch(/\[1\] “Vào ngày 29 tháng 8 năm 2023, .*Bắc Kinh - Trung Quốc\.”/);
    expect(plain.out).toMatch(/do-luong-lmc-2023#p1/);
    expect(plain.out).toMatch(/Không kiểm chứng:\n {2}- “Bạn thấy sao\?” \(câu hỏi\)/);
    const json = await cli(['check', 'The 4th LMC symposium was held in Hanoi.', '--json', ...base]);
    const r = JSON.parse(json.out);
    expect(r).toMatchObject({ lang: 'en', verdict: 'contradicted', skipped: [] });
    expect(r.claims[0]).toMatchObject({ claim: 'The 4th LMC symposium was held in Hanoi.', verdict: 'contradicted' });
    expect(r.claims[0].mismatches[0]).toMatchObject({ kind: 'place', claimed: 'Hanoi', citation: 1 });
    expect(r.claims[0].evidence[0].paragraph).toContain(r.claims[0].evidence[0].quote);
    const none = await cli(['check', 'Xin chào!', ...base]);
    expect(none.out).toBe('Không có nhận định nào để kiểm chứng (chỉ có câu hỏi, lời chào hoặc ý kiến).');
    expect((await cli(['check', ...base])).code).toBe(2);
  });

  it('checks a text that is only a yes/no question as the statement it asks about, as /check does', async () => {
    const plain = await cli(['check', 'Có phải Hội nghị LMC lần thứ 4 tổ chức tại Hà Nội không?', ...base]);
    expect(plain.code).toBe(0);
    const lines = plain.out.split('\n');
    expect(lines[0]).toMatch(/^❌ Sai so với bài viết \(độ tin cậy 0\.\d\d\)$/);
    expect(lines[1]).toBe('  Địa điểm: bài viết ghi “Bắc Kinh - Trung Quốc” — nhận định ghi “Hà Nội” [1]');
    const json = JSON.parse((await cli(['check', 'Is it true that the 4th LMC symposium was held in Hanoi?', '--json', ...base])).out);
    expect(json).toMatchObject({ lang: 'en', verdict: 'contradicted', skipped: [] });
    expect(json.claims).toHaveLength(1);
    // A question beside a statement is still skipped, not checked.
    const mixed = JSON.parse((await cli(['check', 'Hội nghị LMC lần thứ 4 được tổ chức tại Hà Nội. Có phải vậy không?', '--json', ...base])).out);
    expect(mixed.claims.map((c: { claim: string }) => c.claim)).toEqual(['Hội nghị LMC lần thứ 4 được tổ chức tại Hà Nội.']);
    expect(mixed.skipped).toEqual([{ text: 'Có phải vậy không?', reason: 'question' }]);
  });

  it('shows sources and search results, and fails clearly on unknown ids', async () => {
    const src = await cli(['source', 'iec-thanh-vien-2024#p2', ...base]);
    expect(src.out).toMatch(/đoạn 2\/6, iec-thanh-vien-2024#p2/);
    const bad = await cli(['source', '../../etc/passwd', ...base]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/no paragraph/);
    const hits = await cli(['search', 'đo lường Lancang-Mekong', '--json', ...base]);
    expect(JSON.parse(hits.out)[0].articleId).toBe('do-luong-lmc-2023');
  });

  it('chats over piped input', async () => {
    const r = await cli(['chat', ...base], {}, 'hoi nghi LMC to chuc o dau\n/source do-luong-lmc-2023#p2\n/quit\n');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Bắc Kinh/);
    expect(r.out).toMatch(/Biên bản/);
  });

  it('asks for the paragraph id when /source is typed without one', async () => {
    const r = await cli(['chat', ...base], {}, '/source\n/source khong-co#p1\n');
    expect(r.out.split('\n').slice(-2)).toEqual([
      'Gõ /source và mã đoạn, ví dụ: /source iec-thanh-vien-2024#p2',
      'Không có đoạn "khong-co#p1". Mã đoạn có dạng iec-thanh-vien-2024#p2.',
    ]);
  });

  it('gives usage and exit code 2 for unknown commands and bad flags', async () => {
    for (const args of [['frobnicate'], ['ask'], ['ask', 'x', '--nope'], ['index', '--json'], ['ask', 'x', '--top-k', 'abc'], ['eval'], []]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(/Usage:/);
    }
    expect((await cli(['--help'])).code).toBe(0);
  });

  it('says what a numeric or date option must be when it is given a negative number or an impossible date', async () => {
    const cases: Array<[string[], string]> = [
      [['ask', 'x', '--top-k', '-3'], '--top-k must be a whole number ≥ 1'],
      [['ask', 'x', '--top-k', '0'], '--top-k must be a whole number ≥ 1'],
      [['search', 'x', '--top-k', '-1.5'], '--top-k must be a whole number ≥ 1'],
      [['feedback', '--limit', '-1'], '--limit must be a whole number ≥ 1'],
      [['eval', '--questions', 'q.jsonl', '--limit', '-2'], '--limit must be a whole number ≥ 1'],
      [['eval', '--claims', 'c.jsonl', '--distractors', 'd.jsonl', '--distractor-limit', '-5'], '--distractor-limit must be a whole number ≥ 0'],
      [['feed', 'add', 'https://example.org/feed', '--backfill', '-1'], '--backfill must be a whole number ≥ 0'],
      [['ask', 'x', '--from', '-1'], '--from must be a date YYYY-MM-DD'],
      [['ask', 'x', '--from', '2023-13-45'], '--from must be a real date: 2023-13-45 is not on the calendar'],
      [['check', 'x', '--to', '2023-02-30'], '--to must be a real date: 2023-02-30 is not on the calendar'],
      [['feedback', '--since', '2023-02-29'], '--since must be a real date: 2023-02-29 is not on the calendar'],
      [['eval', '--dialogues', 'd.jsonl', '--now', '2023-02-30'], '--now must be a date YYYY-MM-DD or an ISO date-time'],
    ];
    for (const [args, message] of cases) {
      const r = await cli([...args, ...base]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err.split('\n')[0], args.join(' ')).toBe(message);
      expect(r.err).not.toMatch(/ambiguous/);
    }
  });

  it('refuses to update an index from a corpus folder without any article file, and leaves it as it was', async () => {
    const dir = path.join(tempDir(), 'index');
    expect((await cli(['index', '--corpus', CORPUS, '--index', dir])).code).toBe(0);
    const empty = tempDir();
    const r = await cli(['index', '--corpus', empty, '--index', dir]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(
      /holds no article file \(\.md, \.jsonl or \.jsonl\.gz\), and updating from it would remove all 2 articles .*; the index was left untouched/,
    );
    expect((await cli(['index', '--corpus', CORPUS, '--index', dir])).out).toMatch(/indexed 2 articles, 17 passages \(up to date\)/);
  });

  it('exits non-zero and names the file when an article is bad, indexing the rest', async () => {
    const corpus = copyCorpus();
    fs.writeFileSync(path.join(corpus, 'bad.md'), '---\ntitle: x\n---\n\nbody');
    const r = await cli(['index', '--corpus', corpus, '--index', tempDir()]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/skipped .*bad\.md: front matter: id/);
    expect(r.out).toMatch(/indexed 2 articles/);
  });

  it('says which field of a bad article is missing or empty, and a front matter never closed, an empty file or a JSONL line that is no object', async () => {
    const corpus = copyCorpus();
    const write = (name: string, text: string) => fs.writeFileSync(path.join(corpus, name), text);
    write('no-date.md', '---\nid: no-date\ntitle: T\nsource: S\n---\n\nBody.\n');
    write('no-title.md', '---\nid: no-title\ntitle:\ndate: 2024-02-03\n---\n\nBody.\n');
    write('open.md', '---\nid: open\ntitle: T\ndate: 2024-02-03\nsource: S\n\nBody.\n');
    write('empty.md', '');
    const r = await cli(['index', '--corpus', corpus, '--index', tempDir()]);
    expect(r.code).toBe(1);
    expect(r.err.split('\n').filter((l) => l.startsWith('skipped'))).toEqual([
      `skipped ${path.join(corpus, 'empty.md')}: empty file (an article starts with a "---" block holding id, title, date, source)`,
      `skipped ${path.join(corpus, 'no-date.md')}: front matter: date: missing (a date, YYYY-MM-DD)`,
      `skipped ${path.join(corpus, 'no-title.md')}: front matter: title: empty; source: missing`,
      `skipped ${path.join(corpus, 'open.md')}: front matter is not closed (no "---" line after its fields)`,
    ]);
    expect(r.out).toMatch(/indexed 2 articles/);
    const jsonl = path.join(tempDir(), 'corpus.jsonl');
    fs.writeFileSync(jsonl, ['{"id":"a","title":"A","body":"Một đoạn."}', '[1,2]', '{"id":"c","body":"x"}'].join('\n'));
    const j = await cli(['index', '--corpus', jsonl, '--index', tempDir()]);
    expect(j.err.split('\n').filter((l) => l.startsWith('skipped'))).toEqual([
      `skipped ${jsonl}:2: expected an object of fields ({"id": …, "title": …, "body": …}), not a list`,
      `skipped ${jsonl}:3: title: missing`,
    ]);
  });

  it('refuses an eval file without any item, or a folder given for it, instead of printing figures over nothing', async () => {
    const dir = tempDir();
    const empty = path.join(dir, 'empty.jsonl');
    fs.writeFileSync(empty, '\n\n');
    for (const kind of ['questions', 'claims', 'dialogues']) {
      const r = await cli(['eval', `--${kind}`, empty, ...base]);
      expect(r.code, kind).toBe(1);
      expect(r.out, kind).toBe('');
      expect(r.err, kind).toBe(`error (input): no ${kind} in ${empty} (one JSON object per line)`);
      const folder = await cli(['eval', `--${kind}`, dir, ...base]);
      expect(folder.err, kind).toBe(`error (input): ${kind} file ${dir} is a folder; give a .jsonl file`);
    }
  });

  it('says a first build from a corpus of only bad files wrote nothing, and an update that it left the index as it was', async () => {
    const file = path.join(tempDir(), 'notes.txt');
    fs.writeFileSync(file, 'not a corpus');
    const index = tempDir();
    const first = await cli(['index', '--corpus', file, '--index', index]);
    expect(first.code).toBe(1);
    expect(first.err.split('\n')[0]).toBe(`error (corpus): no valid article in ${file} (1 could not be read); no index was written:`);
    await cli(['index', '--corpus', CORPUS, '--index', index]);
    const update = await cli(['index', '--corpus', file, '--index', index]);
    expect(update.err.split('\n')[0]).toBe(`error (corpus): no valid article in ${file} (1 could not be read); the previous index was left untouched:`);
  });

  it('reports configuration and index problems with their code', async () => {
    const cfg = await cli(['ask', 'x', ...base], { KIEMCHUNG_TOP_K: '0', KIEMCHUNG_EMBEDDINGS: 'magic' });
    expect(cfg.code).toBe(1);
    expect(cfg.err).toMatch(/error \(config\)/);
    expect(cfg.err).toMatch(/KIEMCHUNG_TOP_K/);
    expect(cfg.err).toMatch(/KIEMCHUNG_EMBEDDINGS/);
    const missing = await cli(['ask', 'x', '--corpus', '/nonexistent', '--index', tempDir()]);
    expect(missing.err).toMatch(/error \(corpus\): corpus not found/);
    // An index path that is a file: a message, not a stack trace.
    const file = path.join(tempDir(), 'not-a-folder');
    fs.writeFileSync(file, '');
    const notFolder = await cli(['ask', 'x', '--corpus', CORPUS, '--index', file]);
    expect(notFolder.code).toBe(1);
    expect(notFolder.err).toMatch(/^error \(config\): the index folder .*not-a-folder cannot be created/);
    const distractors = await cli([
      'eval',
      '--questions',
      'test/eval/seed-questions.jsonl',
      ...base,
      '--distractors',
      '/nonexistent.jsonl.gz',
      '--distractor-limit',
      '5',
    ]);
    expect(distractors.code).toBe(1);
    expect(distractors.err).toBe('error (input): distractors file not found: /nonexistent.jsonl.gz');
  });

  it('says what each numeric or named setting allows when it is given a word, a fraction or a number out of range', async () => {
    const r = await cli(['ask', 'x', ...base], {
      KIEMCHUNG_TOP_K: 'ten',
      KIEMCHUNG_MIN_CONFIDENCE: '-1',
      KIEMCHUNG_MAX_QUESTION_CHARS: 'abc',
      KIEMCHUNG_FETCH_TIMEOUT_MS: '1.5',
      KIEMCHUNG_FEEDBACK_DAYS: '-3',
      KIEMCHUNG_FEED_POLL_MINUTES: 'often',
      KIEMCHUNG_LOG_LEVEL: 'loud',
      OPENAI_BASE_URL: 'localhost',
    });
    expect(r.code).toBe(1);
    expect(r.err.split('\n')).toEqual([
      'error (config): Invalid configuration:',
      '  - KIEMCHUNG_TOP_K: expected a whole number from 1 to 50',
      '  - KIEMCHUNG_MIN_CONFIDENCE: expected a number from 0 to 1',
      '  - KIEMCHUNG_MAX_QUESTION_CHARS: expected a whole number from 16 to 100000',
      '  - KIEMCHUNG_LOG_LEVEL: expected debug, info, warn, error or silent',
      '  - KIEMCHUNG_FETCH_TIMEOUT_MS: expected a whole number from 1000 to 300000',
      '  - KIEMCHUNG_FEED_POLL_MINUTES: expected a whole number from 0 to 1440',
      '  - KIEMCHUNG_FEEDBACK_DAYS: expected a whole number from 1 to 3650',
      '  - OPENAI_BASE_URL: expected a URL ending in /v1, such as http://127.0.0.1:11434/v1',
    ]);
  });

  it('answers from the corpus as it is now: an article changed since the last index is read before a one-shot answer', async () => {
    const dir = copyCorpus();
    const idx = path.join(tempDir(), 'index');
    expect((await cli(['index', '--corpus', dir, '--index', idx])).code).toBe(0);
    fs.appendFileSync(path.join(dir, 'do-luong-lmc-2023.md'), '\nHội nghị Zyxwvut được tổ chức tại Đà Lạt năm 2099.\n');
    const r = await cli(['search', 'Zyxwvut', '--top-k', '1', '--corpus', dir, '--index', idx]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Hội nghị Zyxwvut được tổ chức tại Đà Lạt năm 2099\./);
  });

  it('writes one line per claim with --dump, and names a --dump file it cannot write', async () => {
    const claims = path.join(tempDir(), 'claims.jsonl');
    fs.writeFileSync(
      claims,
      [
        { id: 'a', claim: 'Hội nghị LMC tổ chức tại Hà Nội.', label: 'refuted', articles: ['do-luong-lmc-2023'], evidence: ['Bắc Kinh'] },
        { id: 'b', claim: 'Sáng kiến BRI tròn 10 năm.', label: 'supported', articles: ['do-luong-lmc-2023'], evidence: ['10 năm'] },
      ]
        .map((c) => JSON.stringify(c))
        .join('\n'),
    );
    const dump = path.join(tempDir(), 'claims-dump.jsonl');
    const ok = await cli(['eval', '--claims', claims, '--dump', dump, ...base]);
    expect(ok.code).toBe(0);
    const rows = fs
      .readFileSync(dump, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.map((r) => [r.id, r.predicted])).toEqual([
      ['a', 'refuted'],
      ['b', 'supported'],
    ]);
    expect(rows[0].claims[0].mismatches[0]).toEqual(['place', 'Hà Nội', 'Bắc Kinh - Trung Quốc']);
    // Typed on a phone, in lower case without marks: the place is still read as one and compared.
    const typed = path.join(tempDir(), 'claims-typed.jsonl');
    expect((await cli(['eval', '--claims', claims, '--strip-marks', '--lower-case', '--dump', typed, ...base])).code).toBe(0);
    const typedRows = fs
      .readFileSync(typed, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(typedRows[0].claims[0].claim).toBe('hoi nghi lmc to chuc tai ha noi.');
    expect(typedRows[0].claims[0].mismatches[0]).toEqual(['place', 'ha noi', 'Bắc Kinh - Trung Quốc']);
    const bad = await cli(['eval', '--claims', claims, '--dump', path.join(tempDir(), 'no', 'such', 'dir', 'x.jsonl'), ...base]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/error \(input\): cannot write the --dump file .*x\.jsonl: ENOENT/);
  });

  it('evaluates dialogues turn by turn with their clocks, and reports misses, as a summary and as JSON', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'dialogues.jsonl');
    fs.writeFileSync(
      file,
      [
        {
          id: 'where-when',
          turns: [
            { question: 'Hội nghị LMC lần thứ 4 tổ chức ở đâu?', answer: ['Bắc Kinh'] },
            {
              question: 'Còn ngày nào?',
              full: 'Hội nghị LMC lần thứ 4 tổ chức ngày nào?',
              answer: ['29 tháng 8 năm 2023'],
              evidence: ['Vào ngày 29 tháng 8 năm 2023'],
            },
          ],
        },
        {
          id: 'last-week',
          now: '2024-06-12',
          turns: [{ question: 'Tuần trước Bộ KH&CN tiếp ai?', type: 'date', articles: ['iec-thanh-vien-2024'], answer: ['Philippe Metzger'] }],
        },
        { id: 'wrong-clock', now: '2025-01-10', turns: [{ question: 'Tuần trước Bộ KH&CN tiếp ai?', type: 'date', answer: ['Philippe Metzger'] }] },
      ]
        .map((d) => JSON.stringify(d))
        .join('\n'),
    );
    const args = ['eval', '--dialogues', file, ...base];
    const plain = await cli(args);
    expect(plain.code).toBe(0);
    const lines = plain.out.split('\n');
    expect(lines.at(-2)).toBe('dialogues=3 turns=4 followups=1 (1 with a full question) date+meta=2');
    expect(lines.at(-1)).toMatch(/^eval dialogues: asfull=100\.0 ans=100\.0 ev@1=100\.0 refuse=0\.0 falserefuse=0\.0 date=50\.0 p50=[\d.]+ms p95=[\d.]+ms$/);
    expect(plain.out).toMatch(/^miss wrong-clock turn 1: Tuần trước Bộ KH&CN tiếp ai\?: date question answered wrongly/m);
    const json = JSON.parse((await cli([...args, '--json'])).out);
    expect(json).toMatchObject({ dialogues: 3, followUps: 1, asfull: 100, date: 50 });
    expect(json.misses).toHaveLength(1);
    for (const bad of [
      ['eval', '--dialogues', file, '--now', 'yesterday'],
      ['eval', '--questions', file, '--now', '2024-01-01'],
      ['eval', '--dialogues', file, '--strip-marks'],
      ['eval', '--dialogues', file, '--lower-case'],
    ]) {
      expect((await cli([...bad, ...base])).code, bad.join(' ')).toBe(2);
    }
    fs.writeFileSync(path.join(dir, 'bad.jsonl'), '{"id": "x", "turns": []}\n');
    const invalid = await cli(['eval', '--dialogues', path.join(dir, 'bad.jsonl'), ...base]);
    expect(invalid.code).toBe(1);
    expect(invalid.err).toMatch(/bad\.jsonl:1: turns/);
  });

  it.skipIf(!hasSharedData)('runs eval on a small fixture from the shared data, as JSON and as a summary line', async () => {
    const dir = tempDir();
    const corpusLines = fs
      .readFileSync(path.join(SHARED_DATA, 'vinewsqa-dev', 'corpus.jsonl'), 'utf8')
      .split('\n')
      .slice(0, 40);
    const ids = new Set(corpusLines.map((l) => JSON.parse(l).id));
    const questions = fs
      .readFileSync(path.join(SHARED_DATA, 'vinewsqa-dev', 'questions.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l && JSON.parse(l).articles.every((a: string) => ids.has(a)))
      .slice(0, 60);
    fs.writeFileSync(path.join(dir, 'corpus.jsonl'), corpusLines.join('\n'));
    fs.writeFileSync(path.join(dir, 'q.jsonl'), questions.join('\n'));
    const args = ['eval', '--questions', path.join(dir, 'q.jsonl'), '--corpus', path.join(dir, 'corpus.jsonl'), '--index', path.join(dir, 'idx', 'index')];
    const json = await cli([...args, '--json', '--distractors', path.join(SHARED_DATA, 'baomoi', 'corpus.jsonl.gz'), '--distractor-limit', '100']);
    expect(json.code).toBe(0);
    const r = JSON.parse(json.out);
    expect(Object.keys(r).sort()).toEqual(
      [
        'MRR@10',
        'R@1',
        'R@10',
        'R@5',
        'ans',
        'articles',
        'ev@1',
        'ev@5',
        'falserefuse',
        'p50',
        'p95',
        'passages',
        'questions',
        'refuse',
        'short',
        'shortF1',
      ].sort(),
    );
    expect(r.questions).toBe(60);
    expect(r.articles).toBe(140);
    expect(r['R@10']).toBeGreaterThan(50);
    expect(r['R@1']).toBeLessThanOrEqual(r['R@5']);
    const plain = await cli(args);
    expect(plain.out.split('\n').at(-1)).toMatch(
      /^eval: R@1=\d+\.\d R@5=\d+\.\d R@10=\d+\.\d MRR@10=\d+\.\d ev@1=\d+\.\d ev@5=\d+\.\d ans=\d+\.\d short=\d+\.\d shortF1=\d+\.\d refuse=\d+\.\d falserefuse=\d+\.\d p50=[\d.]+ms p95=[\d.]+ms$/,
    );
  });

  it.skipIf(!hasClaims)('runs the claim eval on a small fixture from the shared data, as JSON and as a summary line', async () => {
    const dir = tempDir();
    const data = path.join(SHARED_DATA, 'claims-vifactcheck-dev');
    const corpusLines = fs.readFileSync(path.join(data, 'corpus.jsonl'), 'utf8').split('\n').filter(Boolean).slice(0, 25);
    const ids = new Set(corpusLines.map((l) => JSON.parse(l).id));
    const claims = fs
      .readFileSync(path.join(data, 'claims.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l && JSON.parse(l).articles.every((a: string) => ids.has(a)))
      .slice(0, 40);
    fs.writeFileSync(path.join(dir, 'corpus.jsonl'), corpusLines.join('\n'));
    fs.writeFileSync(path.join(dir, 'claims.jsonl'), claims.join('\n'));
    const args = ['eval', '--claims', path.join(dir, 'claims.jsonl'), '--corpus', path.join(dir, 'corpus.jsonl'), '--index', path.join(dir, 'idx', 'index')];
    const json = await cli([...args, '--json', '--distractors', path.join(SHARED_DATA, 'baomoi', 'corpus.jsonl.gz'), '--distractor-limit', '100']);
    expect(json.code).toBe(0);
    const r = JSON.parse(json.out);
    expect(Object.keys(r).sort()).toEqual(
      ['acc', 'articles', 'claims', 'confusion', 'evidenceRecall', 'labels', 'macroF1', 'p50', 'p95', 'passages', 'strict'].sort(),
    );
    expect(r.claims).toBe(claims.length);
    expect(r.articles).toBe(125);
    expect(Object.keys(r.labels).sort()).toEqual(['nei', 'refuted', 'supported']);
    for (const l of Object.values(r.labels) as { p: number; r: number; f1: number }[]) for (const v of [l.p, l.r, l.f1]) expect(v).toBeGreaterThanOrEqual(0);
    const total = Object.values(r.confusion as Record<string, Record<string, number>>).reduce((s, row) => s + Object.values(row).reduce((a, b) => a + b, 0), 0);
    expect(total).toBe(claims.length);
    // Far above chance (33%) even on a few claims; the full figures are in the README.
    expect(r.acc).toBeGreaterThan(45);
    expect(r.strict).toBeLessThanOrEqual(r.acc);
    const plain = await cli(args);
    expect(plain.out).toMatch(/gold \\ predicted +supported +refuted +nei/);
    expect(plain.out.split('\n').at(-1)).toMatch(/^eval: claims=\d+ acc=\d+\.\d macroF1=\d+\.\d strict=\d+\.\d evidence=\d+\.\d p50=[\d.]+ms p95=[\d.]+ms$/);
  });
});
