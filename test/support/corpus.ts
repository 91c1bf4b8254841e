import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO = path.resolve(import.meta.dirname, '..', '..');
export const CORPUS = path.join(REPO, 'corpus');
export const SHARED_DATA = path.resolve(REPO, '..', 'shared', 'data');
export const hasSharedData = fs.existsSync(path.join(SHARED_DATA, 'vinewsqa-dev', 'corpus.jsonl'));

export function tempDir(prefix = 'kc-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** ViNewsQA dev-heldout in the shared data (its questions include some whose article is not stored). */
export const HELDOUT = path.join(SHARED_DATA, 'vinewsqa-dev-heldout');

/**
 * A fixture cut from dev-heldout: its first `articles` articles written to a corpus file in a
 * temporary folder, the questions answerable from them and those whose article is absent (as
 * JSONL lines, in their order).
 */
export function heldoutFixture(articles: number): { dir: string; corpus: string; answerable: string[]; absent: string[] } {
  const dir = tempDir();
  const lines = fs.readFileSync(path.join(HELDOUT, 'corpus.jsonl'), 'utf8').split('\n').filter(Boolean).slice(0, articles);
  const ids = new Set(lines.map((l) => String(JSON.parse(l).id).toLowerCase()));
  const corpus = path.join(dir, 'corpus.jsonl');
  fs.writeFileSync(corpus, lines.join('\n'));
  const all = fs.readFileSync(path.join(HELDOUT, 'questions.jsonl'), 'utf8').split('\n').filter(Boolean);
  const answerable = all.filter((l) => {
    const q = JSON.parse(l);
    return !q.unanswerable && q.articles.every((a: string) => ids.has(a.toLowerCase()));
  });
  return { dir, corpus, answerable, absent: all.filter((l) => JSON.parse(l).unanswerable) };
}

/** A copy of the real corpus in a temporary folder, to change in a test. */
export function copyCorpus(): string {
  const dir = tempDir('kc-corpus-');
  for (const f of fs.readdirSync(CORPUS)) fs.copyFileSync(path.join(CORPUS, f), path.join(dir, f));
  return dir;
}

export function article(id: string, title: string, paragraphs: string[], extra = ''): string {
  return `---\nid: ${id}\ntitle: ${title}\ndate: 2024-01-15\nsource: Test source\n${extra}---\n\n${paragraphs.join('\n\n')}\n`;
}

const WORDS =
  'hợp tác khoa học công nghệ đo lường tiêu chuẩn quốc tế năng lượng điện tử viễn thông nông nghiệp y tế giáo dục đổi mới sáng tạo chuyển đổi số bán dẫn trí tuệ nhân tạo hạt nhân môi trường biển đảo'.split(
    ' ',
  );

/** A synthetic corpus of `n` Vietnamese-looking articles (deterministic). */
export function syntheticCorpus(dir: string, n: number, seed = 1): void {
  let x = seed;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648), x / 2147483648);
  const sentence = () => {
    const len = 8 + Math.floor(rnd() * 14);
    const w = Array.from({ length: len }, () => WORDS[Math.floor(rnd() * WORDS.length)]);
    const s = w.join(' ');
    return `${s[0]?.toUpperCase()}${s.slice(1)} ${Math.floor(rnd() * 1000)}.`;
  };
  fs.mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) {
    const paras = Array.from({ length: 3 + Math.floor(rnd() * 4) }, () => Array.from({ length: 2 + Math.floor(rnd() * 4) }, sentence).join(' '));
    fs.writeFileSync(path.join(dir, `a${i}.md`), article(`synthetic-${i}`, `Bài tổng hợp số ${i}`, paras));
  }
}

/**
 * A copy of the real corpus plus an article whose first sentence lists thirty partners (about
 * 1,100 characters), so that answers quote a part of it: "Trung tâm Thử nghiệm Quốc gia ký
 * biên bản ghi nhớ ở đâu?" is answered with its start, cut after.
 */
export function longSentenceCorpus(): string {
  const dir = copyCorpus();
  const partners = Array.from({ length: 30 }, (_, i) => `đối tác thứ ${i + 1} là Viện Đo lường số ${i + 1}`).join(', ');
  fs.writeFileSync(
    path.join(dir, 'thu-nghiem-2024.md'),
    article('thu-nghiem-2024', 'Trung tâm Thử nghiệm Quốc gia ký biên bản ghi nhớ', [
      `Tại lễ ký kết ngày 12/3/2024 ở Đà Nẵng, Trung tâm Thử nghiệm Quốc gia đã ký biên bản ghi nhớ với các đối tác gồm ${partners}, nhằm tăng cường năng lực thử nghiệm.`,
      'Ông Nguyễn Văn A, Giám đốc Trung tâm Thử nghiệm Quốc gia, cho biết biên bản có hiệu lực trong 5 năm.',
    ]),
  );
  return dir;
}
