import type { Answer, Turn } from '../types.js';

/**
 * The part of an answer a conversation keeps for the next question: what was asked and how it
 * was read, its period, and what it quoted (without the whole paragraphs). Small enough to keep
 * many conversations in memory.
 */
export function toTurn(a: Answer | Turn): Turn {
  const t: Turn = {
    question: a.question,
    lang: a.lang,
    refused: a.refused,
    citations: a.citations.slice(0, 3).map(({ articleId, paragraphId, title, date, quote }) => ({ articleId, paragraphId, title, date, quote: quote.slice(0, 600) })),
  };
  if (a.understood) t.understood = a.understood;
  if (a.period) t.period = a.period;
  if (a.collection) {
    t.collection = {
      kind: a.collection.kind,
      ...(a.collection.topic ? { topic: a.collection.topic } : {}),
      articles: a.collection.articles.slice(0, 10).map(({ articleId, title, date }) => ({ articleId, title, date })),
    };
  }
  return t;
}
