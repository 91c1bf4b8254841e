import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus, parseMarkdownArticle, recordHash } from '../../src/corpus/load-corpus.js';
import { splitPassages } from '../../src/corpus/passages.js';
import { isParagraphId, parseParagraphId } from '../../src/corpus/ids.js';
import { stripInlineMarkdown } from '../../src/corpus/markdown.js';
import { CORPUS, article, tempDir } from '../support/corpus.js';

describe('the seed corpus', async () => {
  const { articles, issues } = await loadCorpus(CORPUS);
  const lmc = articles.find((a) => a.id === 'do-luong-lmc-2023');
  const iec = articles.find((a) => a.id === 'iec-thanh-vien-2024');

  it('loads both seed articles without issues', () => {
    expect(issues).toEqual([]);
    expect(articles.map((a) => a.id).sort()).toEqual(['do-luong-lmc-2023', 'iec-thanh-vien-2024']);
    expect(lmc?.date).toBe('2023-08-29');
    expect(lmc?.dateKind).toBe('event');
    expect(iec?.date).toBe('2024-06-05');
    expect(iec?.source).toBe('Bộ Khoa học và Công nghệ (MOST)');
  });

  it('joins the paragraph the export broke in two', () => {
    const p3 = lmc?.paragraphs[2] ?? '';
    expect(p3).toContain('bảo vệ an toàn và sức khỏe của cộng đồng trong xã hội hiện đại.');
    expect(lmc?.paragraphs.some((p) => p.startsWith('và sức khỏe'))).toBe(false);
    // Six body paragraphs, then the three captions.
    expect(lmc?.paragraphs).toHaveLength(9);
  });

  it('reads photo captions apart from the body, including the one glued to a paragraph, and numbers them after it', () => {
    expect(lmc?.captions).toEqual([
      'Lễ ký kết Chương trình hành động tăng cường tiến bộ về đo lường và thừa nhận lẫn nhau giữa các nước Lancang-Mekong',
      'Chương trình hành động tăng cường tiến bộ về đo lường và thừa nhận lẫn nhau giữa các nước Lancang-Mekong',
      'Lãnh đạo và cán bộ Viện Đo lường Việt Nam tham dự Hội nghị',
    ]);
    expect(lmc?.paragraphs[2]?.startsWith('Viện Đo lường Việt Nam đã tập trung')).toBe(true);
    expect(iec?.captions).toEqual(['Toàn cảnh buổi làm việc.', 'Hai bên chụp ảnh lưu niệm.']);
    // The body paragraphs keep their numbers; the captions follow them, so that they can be cited.
    for (const a of [lmc, iec]) {
      const captions = a?.captions ?? [];
      const body = (a?.paragraphs ?? []).slice(0, -captions.length);
      for (const c of captions) expect(body).not.toContain(c);
      expect(a?.paragraphs.slice(-captions.length)).toEqual(captions);
    }
  });

  it('strips Markdown emphasis from the lead so quotes are plain text', () => {
    expect(iec?.paragraphs[0]?.startsWith('Bộ Khoa học và Công nghệ (KH&CN) đang nỗ lực')).toBe(true);
    expect(iec?.paragraphs.join(' ')).not.toMatch(/\*|_{2}/);
    expect(iec?.paragraphs).toHaveLength(8);
  });

  const seedFile = path.resolve(CORPUS, '..', '..', 'shared', 'seeds', '003_0679675b96893a5b.txt');
  it.skipIf(!fs.existsSync(seedFile))('keeps the supplied wording (NFC) of every paragraph', () => {
    const seed = fs.readFileSync(seedFile, 'utf8');
    for (const p of iec?.paragraphs.slice(1) ?? []) expect(seed.normalize('NFC')).toContain(p);
  });
});

describe('article files', () => {
  const fm = (extra: string, body = 'Một đoạn văn.') => `---\nid: a-1\ntitle: Tiêu đề\ndate: 2024-01-15\nsource: MOST\n${extra}---\n\n${body}\n`;
  const reason = (text: string) => {
    try {
      parseMarkdownArticle(text, 'x.md');
      return null;
    } catch (r) {
      return String(r);
    }
  };

  it('accepts optional url, lang and tags', () => {
    const a = parseMarkdownArticle(fm('url: https://most.gov.vn/a\nlang: vi\ntags: [IEC]\n'), 'x.md');
    expect(a.url).toBe('https://most.gov.vn/a');
    expect(a.tags).toEqual(['IEC']);
  });

  it('numbers each caption once after the body, none empty and none that repeats a body paragraph', () => {
    const body = 'Một đoạn văn.\n\n> [!caption] Ảnh hội nghị.\n\nĐoạn thứ hai.\n\n> [!caption] Một đoạn văn.\n\n> [!caption]\n\n> [!caption] Ảnh hội nghị.';
    const a = parseMarkdownArticle(fm('', body), 'x.md');
    expect(a.paragraphs).toEqual(['Một đoạn văn.', 'Đoạn thứ hai.', 'Ảnh hội nghị.']);
    expect(a.captions).toEqual(['Ảnh hội nghị.']);
  });

  it('rejects bad front matter with the reason', () => {
    expect(reason('Just text')).toMatch(/no front matter/);
    expect(reason(fm('').replace('title: Tiêu đề\n', ''))).toMatch(/title/);
    expect(reason(fm('').replace('2024-01-15', '2024-02-30'))).toMatch(/date/);
    expect(reason(fm('').replace('id: a-1', 'id: "../../etc"'))).toMatch(/id/);
    expect(reason(fm('', ''))).toMatch(/empty body/);
    expect(reason(fm('colour: red\n'))).toMatch(/colour|unrecognized/i);
    expect(reason('---\nid: [\n---\n\ntext')).toMatch(/YAML/);
    // Each reason is a coded error; the YAML parser's own error is its cause.
    expect(() => parseMarkdownArticle('---\nid: [\n---\n\ntext', 'x.md')).toThrowError(
      expect.objectContaining({ name: 'ArticleError', code: 'corpus', cause: expect.any(Error) }),
    );
  });

  it('reports bad files by path and reason and loads the rest', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'a-good.md'), article('good', 'Bài tốt', ['Nội dung tốt.']));
    fs.writeFileSync(path.join(dir, 'b-dup.md'), article('good', 'Bài trùng', ['Nội dung khác.']));
    fs.writeFileSync(path.join(dir, 'latin1.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xe9, 0xff, 0x0a]));
    fs.writeFileSync(path.join(dir, 'binary.md'), Buffer.from([1, 0, 2, 0]));
    fs.mkdirSync(path.join(dir, 'folder.md'));
    fs.writeFileSync(path.join(dir, 'README.md'), '# notes');
    fs.symlinkSync(dir, path.join(dir, 'loop'));
    const big = Buffer.alloc(3 * 1024 * 1024, 0x61);
    fs.writeFileSync(path.join(dir, 'big.md'), big);
    const { articles, issues } = await loadCorpus(dir);
    expect(articles.map((a) => a.id)).toEqual(['good']);
    const byFile = Object.fromEntries(issues.map((i) => [path.basename(i.path), i.reason]));
    expect(byFile['b-dup.md']).toMatch(/duplicate id "good"/);
    expect(byFile['latin1.md']).toMatch(/not UTF-8/);
    expect(byFile['binary.md']).toMatch(/NUL/);
    expect(byFile['folder.md']).toMatch(/folder/);
    expect(byFile['loop']).toMatch(/loop/);
    expect(byFile['big.md']).toMatch(/too large/);
    expect(byFile['README.md']).toBeUndefined();
  });

  it('reads JSONL, gzipped or not, with bad lines reported by line number', async () => {
    const dir = tempDir();
    const lines = [
      JSON.stringify({ id: 'x1', title: 'Một', body: 'Đoạn một.\n\nĐoạn hai.', date: '2018-01-02' }),
      '{not json',
      JSON.stringify({ id: 'x2', title: '', body: 'b' }),
      JSON.stringify({ id: 'x3', title: 'Ba', body: 'Nội dung.' }),
    ].join('\n');
    fs.writeFileSync(path.join(dir, 'c.jsonl'), lines);
    const { gzipSync } = await import('node:zlib');
    fs.writeFileSync(path.join(dir, 'd.jsonl.gz'), gzipSync(JSON.stringify({ id: 'y1', title: 'Gz', body: 'Nén.' })));
    const plain = await loadCorpus(path.join(dir, 'c.jsonl'));
    expect(plain.articles.map((a) => a.id)).toEqual(['x1', 'x3']);
    expect(plain.articles[0]?.paragraphs).toEqual(['Đoạn một.', 'Đoạn hai.']);
    expect(plain.issues.map((i) => i.path)).toEqual([`${path.join(dir, 'c.jsonl')}:2`, `${path.join(dir, 'c.jsonl')}:3`]);
    const both = await loadCorpus(dir);
    expect(both.articles.map((a) => a.id)).toEqual(['x1', 'x3', 'y1']);
  });

  it('reports a JSONL record whose date is not a real date, as a Markdown file is, and reads the others', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'c.jsonl');
    fs.writeFileSync(
      file,
      [
        JSON.stringify({ id: 'd1', title: 'Tháng 13', body: 'Một.', date: '2024-13-01' }),
        JSON.stringify({ id: 'd2', title: 'Nhuận', body: 'Hai.', date: '2024-02-29' }),
        JSON.stringify({ id: 'd3', title: 'Ba mươi tháng Hai', body: 'Ba.', date: '2023-02-30' }),
        JSON.stringify({ id: 'd4', title: 'Không ngày', body: 'Bốn.' }),
        JSON.stringify({ id: 'd5', title: 'Ngày null', body: 'Năm.', date: null }),
        JSON.stringify({ id: 'd6', title: 'Kiểu khác', body: 'Sáu.', date: '05/06/2024' }),
      ].join('\n'),
    );
    const r = await loadCorpus(file);
    expect(r.articles.map((a) => [a.id, a.date])).toEqual([
      ['d2', '2024-02-29'],
      ['d4', ''],
      ['d5', ''],
    ]);
    expect(r.issues).toEqual([1, 3, 6].map((n) => ({ path: `${file}:${n}`, reason: 'date: must be a real ISO date, YYYY-MM-DD' })));
    const md = '---\nid: d1\ntitle: Tháng 13\ndate: 2024-13-01\nsource: MOST\n---\n\nMột.\n';
    expect(() => parseMarkdownArticle(md, 'd1.md')).toThrow('front matter: date: must be a real ISO date, YYYY-MM-DD');
  });
});

describe('paragraph ids and passages', () => {
  it('parses ids and refuses anything else without throwing', () => {
    expect(parseParagraphId('iec-thanh-vien-2024#p2')).toEqual({ articleId: 'iec-thanh-vien-2024', n: 2 });
    for (const bad of ['../../etc/passwd', 'a#p0', 'a#p', '#p1', 'A#p1', 'a#p1 extra', 'x'.repeat(5000), '', 'a#p1\n']) {
      expect(isParagraphId(bad)).toBe(bad === 'a#p1\n');
    }
  });

  it('keeps short paragraphs whole and cuts long ones into overlapping sentence windows', () => {
    const long = Array.from({ length: 40 }, (_, i) => `Câu số ${i} nói về hợp tác đo lường trong khu vực.`).join(' ');
    const spans = splitPassages(['Ngắn.', long]);
    expect(spans[0]).toEqual({ paragraph: 0, start: 0, end: 5 });
    const windows = spans.filter((s) => s.paragraph === 1);
    expect(windows.length).toBeGreaterThan(2);
    for (const w of windows) expect(w.end - w.start).toBeLessThanOrEqual(600);
    expect(windows[0]?.start).toBe(0);
    expect(windows.at(-1)?.end).toBe(long.length);
    for (let i = 1; i < windows.length; i++) expect(windows[i]!.start).toBeLessThan(windows[i - 1]!.end);
  });

  it('cuts a 10,000-character line with no punctuation', () => {
    const line = 'từ ngữ '.repeat(1500);
    const spans = splitPassages([line.trim()]);
    expect(spans.length).toBeGreaterThan(10);
    for (const s of spans) expect(s.end - s.start).toBeLessThanOrEqual(600);
  });

  it('strips emphasis but not snake_case or arithmetic', () => {
    expect(stripInlineMarkdown('**đậm** và *nghiêng* và _gạch_ và snake_case_name và 2*3*4')).toBe('đậm và nghiêng và gạch và snake_case_name và 2*3*4');
  });
});

describe('a JSONL corpus larger than one read', () => {
  it('reads lines that cross reads and a line longer than a read, with every ending, as the same records', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'big.jsonl');
    const rec = (i: number, body: string) => JSON.stringify({ id: `big-${i}`, title: `Bài ${i} về hợp tác`, body });
    const texts: string[] = [];
    for (let i = 0; i < 2000; i++) texts.push(rec(i, `Đoạn của bài ${i}: ${'hợp tác khoa học và công nghệ '.repeat(40 + (i % 17))}\n\nĐoạn hai ${i}.`));
    // One record longer than a read (several MB), then more after it.
    texts.splice(1000, 0, rec(99999, `Bài rất dài. ${'Một câu về đo lường quốc tế. '.repeat(150_000)}`));
    const endings = (i: number) => (i % 3 === 0 ? '\r\n' : '\n');
    const content = texts.map((t, i) => `${t}${i === texts.length - 1 ? '' : endings(i)}`).join('');
    expect(Buffer.byteLength(content)).toBeGreaterThan(8 << 20);
    fs.writeFileSync(file, content);
    const loaded = await loadCorpus(file);
    expect(loaded.issues).toEqual([]);
    expect(loaded.articles.map((a) => a.id)).toEqual(texts.map((t) => (JSON.parse(t) as { id: string }).id));
    loaded.articles.forEach((a, i) => {
      const r = JSON.parse(texts[i]!) as { body: string };
      expect(a.paragraphs.join('\n\n').length).toBeGreaterThan(0);
      expect(a.paragraphs[a.paragraphs.length - 1]).toBe(r.body.split('\n\n').at(-1)!.trim());
      expect(recordHash(a)).toBe(crypto.hash('sha1', texts[i]!));
      expect(a.origin).toBe(`${file}:${i + 1}`);
    });
    // Read again knowing every record: none is parsed, all are recognised.
    const known = new Map(loaded.articles.map((a) => [recordHash(a)!, a.id]));
    const again = await loadCorpus(file, { indexed: (h) => known.get(h) });
    expect(again.articles).toEqual([]);
    expect(again.unchanged?.map((u) => u.id)).toEqual(loaded.articles.map((a) => a.id));
  });
});

describe('a JSONL corpus read again by an update', () => {
  it('recognises every record the index holds from its bytes, whatever its line ending or script, and parses only the others', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'corpus.jsonl');
    const rec = (id: string, body: string) => JSON.stringify({ id, title: `Bài ${id}`, body });
    const lines = [
      Buffer.from(`${rec('a1', 'Hội nghị lần thứ tư tại Hà Nội.')}\r\n`),
      Buffer.from('\n   \n'),
      Buffer.from(`${rec('a2', 'Plain ASCII body.')}\n`),
      Buffer.from('{not json\n'),
      // Invalid UTF-8 inside a string value: decoded with a replacement character.
      Buffer.concat([Buffer.from('{"id": "a3", "title": "Bài a3", "body": "Đo lường '), Buffer.from([0xc3, 0x28]), Buffer.from(' quốc tế."}\n')]),
      Buffer.from(rec('a4', 'Dòng cuối không có ký tự xuống dòng.')),
    ];
    fs.writeFileSync(file, Buffer.concat(lines));
    const first = await loadCorpus(file);
    expect(first.articles.map((a) => a.id)).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect(first.issues.map((i) => i.path)).toEqual([`${file}:5`]);
    // Each record's hash is that of its line's text (the line ending left out), whether or not its bytes were valid UTF-8.
    const lineText = (i: number) => lines[i]!.toString('utf8').replace(/\r?\n$/, '');
    expect(first.articles.map((a) => recordHash(a))).toEqual([0, 2, 4, 5].map((i) => crypto.hash('sha1', lineText(i))));
    const known = new Map(first.articles.map((a) => [recordHash(a)!, a.id]));
    const again = await loadCorpus(file, { indexed: (h) => known.get(h) });
    // The valid UTF-8 records are skipped unparsed; the one with invalid bytes is parsed again and is the same article.
    expect(again.unchanged?.map((u) => u.id)).toEqual(['a1', 'a2', 'a4']);
    expect(again.articles.map((a) => a.id)).toEqual(['a3']);
    expect(again.articles[0]).toEqual(first.articles[2]);
    expect(recordHash(again.articles[0]!)).toBe(recordHash(first.articles[2]!));
    expect(again.issues).toEqual(first.issues);
  });
});
