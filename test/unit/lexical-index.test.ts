import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LexicalBuilder } from '../../src/store/lexical-index.js';
import { foldedHash, markedHash } from '../../src/text/term-hashes.js';
import { terms } from '../../src/text/tokenize.js';
import { SHARED_DATA } from '../support/corpus.js';

/** The postings as the index built them before dense term ids: a Map of counts per passage, hashes sorted. */
function reference(passages: Array<[string, string]>) {
  const df = new Map<number, number>();
  const perDoc: Array<Map<number, number>> = [];
  const lens: number[] = [];
  let total = 0;
  for (const [text, title] of passages) {
    const counts = new Map<number, number>();
    for (const t of [terms(title), terms(text)]) {
      for (const m of t.marked) counts.set(markedHash(m), (counts.get(markedHash(m)) ?? 0) + 1);
      for (const f of t.folded) counts.set(foldedHash(f), (counts.get(foldedHash(f)) ?? 0) + 1);
    }
    let len = 0;
    for (const [h, tf] of counts) {
      df.set(h, (df.get(h) ?? 0) + 1);
      len += tf;
    }
    perDoc.push(counts);
    lens.push(Math.round(len / 2));
    total += Math.round(len / 2);
  }
  const hashes = [...df.keys()].sort((a, b) => a - b);
  const docs: number[] = [];
  const tfs: number[] = [];
  const offsets: number[] = [];
  for (const h of hashes) {
    offsets.push(docs.length);
    perDoc.forEach((c, d) => {
      const tf = c.get(h);
      if (tf !== undefined) {
        docs.push(d);
        tfs.push(Math.min(tf, 255));
      }
    });
  }
  offsets.push(docs.length);
  return { hashes, offsets, docs, tfs, lens, total };
}

describe('LexicalBuilder', () => {
  const samples: Array<[string, string]> = [
    ['Hội nghị LMC lần thứ 4 được tổ chức tại Bắc Kinh.', 'Hợp tác đo lường'],
    ['Việt Nam sớm trở thành thành viên chính thức của IEC; hội nghị hội nghị hội nghị.', 'IEC'],
    ['', 'Chỉ có tiêu đề'],
    [`${'lặp '.repeat(300)}cuối`, 'Tiêu đề'],
  ];
  const real = `${SHARED_DATA}/vinewsqa-dev/corpus.jsonl`;
  if (fs.existsSync(real)) {
    for (const line of fs.readFileSync(real, 'utf8').split('\n').filter(Boolean).slice(0, 40)) {
      const r = JSON.parse(line) as { title: string; body: string };
      for (const p of r.body.split('\n\n')) samples.push([p, r.title]);
    }
  }

  it('lays out the same postings as counting each passage in a Map', () => {
    const b = new LexicalBuilder();
    for (const [text, title] of samples) b.addPassage(text, title);
    const got = b.finish();
    const want = reference(samples);
    expect(Array.from(got.lexHashes as Uint32Array)).toEqual(want.hashes);
    expect(Array.from(got.lexOffsets as Uint32Array)).toEqual(want.offsets);
    expect(Array.from(got.lexDocs as Uint32Array)).toEqual(want.docs);
    expect(Array.from(got.lexTfs as Uint8Array)).toEqual(want.tfs);
    expect(Array.from(got.lexDocLens as Uint32Array)).toEqual(want.lens);
    expect((got.lexTotal as Float32Array)[0]).toBe(Math.fround(want.total));
  });
});
