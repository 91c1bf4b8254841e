import { describe, expect, it } from 'vitest';
import { analyzeQuestion } from '../../src/answer/question-type.js';
import { scoreSentences } from '../../src/answer/select.js';
import type { QuestionTerms } from '../../src/retrieve/coverage.js';
import type { ParagraphWord, PassageEvidence } from '../../src/retrieve/rerank.js';
import type { Retrieved } from '../../src/retrieve/retrieve.js';
import type { StoredArticle } from '../../src/store/port.js';

/**
 * The share of a sentence's content words that are not question words (`novel`) is counted
 * over the words that lie inside the sentence, found among a long paragraph's words by
 * bisection; this checks it against counting over all of them, on random paragraphs.
 */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Content words only (none is a function word, folded or not).
const VOCAB = ['lúa', 'gạo', 'sông', 'núi', 'mưa', 'gió', 'phở', 'trà', 'đèo', 'bún', 'xoài', 'dừa'];

describe('sentence words', () => {
  it('counts the novel words of each sentence as walking all the paragraph words does', () => {
    const rnd = random(5);
    for (let round = 0; round < 100; round++) {
      // A paragraph of random words, some of them function words, cut into sentences.
      const words: ParagraphWord[] = [];
      let text = '';
      const nWords = 20 + Math.floor(rnd() * 300);
      for (let i = 0; i < nWords; i++) {
        if (i > 0) text += rnd() < 0.1 ? '. ' : ' ';
        const w = VOCAB[Math.floor(rnd() * VOCAB.length)] as string;
        words.push({ start: text.length, end: text.length + w.length, lower: w, folded: w, stop: rnd() < 0.2 });
        text += w;
      }
      const cuts = [0];
      for (let i = 1; i < text.length; i++) if (text[i - 1] === '.' && text[i] === ' ') cuts.push(i + 1);
      cuts.push(text.length);
      // Sentences may end inside a word (a window cut short): such a word is not the sentence's.
      const sentences = cuts.slice(0, -1).map((start, i) => {
        const end = i === cuts.length - 2 && rnd() < 0.5 ? Math.max(start + 1, text.length - 2) : (cuts[i + 1] as number);
        return { start, end, present: new Uint8Array(0), words: rnd(), pairs: rnd() };
      });
      const hit = { article: { id: `a${round}` } as StoredArticle, paragraphNumber: 1, start: 0, end: text.length, score: 1 } as Retrieved;
      const passage: PassageEvidence = { hit, words: () => words, paragraph: text, sentences, fused: 1, sentence: 1, window: 1, pairs: 1, score: 1 };
      const asked = VOCAB.filter(() => rnd() < 0.3);
      const question = `${asked.join(' ')} là gì?`;
      const terms = { marked: true } as QuestionTerms;
      const scored = scoreSentences([passage], terms, analyzeQuestion(question), question, {
        candidates: 5,
        detailed: 1000,
        model: { bias: 0, weights: {} as never },
      });
      expect(scored.length).toBe(sentences.length);
      for (const c of scored) {
        const inside = words.filter((w) => w.start >= c.start && w.end <= c.end && !w.stop);
        const fresh = inside.filter((w) => !asked.includes(w.lower)).length;
        expect(c.features.novel).toBe(inside.length ? fresh / inside.length : 0);
      }
    }
  });
});
