import { z } from 'zod';
import type { DateKind } from '../types.js';
import { ARTICLE_ID } from './ids.js';

function isRealDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const isoDate = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v.trim()))
  .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && isRealDate(s), 'must be a real ISO date, YYYY-MM-DD');

/** Front matter of a corpus Markdown file. */
export const frontMatterSchema = z
  .object({
    id: z.string().trim().regex(ARTICLE_ID, 'must be lower-case letters, digits, ".", "_" or "-" (at most 128)'),
    title: z.string().trim().min(1, 'must not be empty').max(500),
    date: isoDate,
    date_kind: z.enum(['published', 'event']).default('published'),
    source: z.string().trim().min(1, 'must not be empty').max(300),
    url: z.string().trim().url().optional(),
    lang: z.enum(['vi', 'en']).default('vi'),
    tags: z.array(z.string().trim().min(1)).optional(),
  })
  .strict();

/** One line of the JSONL corpus format (see the data README): looser, as scraped data is. */
export const jsonlArticleSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String).pipe(z.string().trim().min(1).max(200)),
  title: z.string().trim().min(1, 'must not be empty'),
  body: z.string(),
  date: isoDate.optional().catch(undefined),
  source: z.string().trim().optional(),
  url: z.string().trim().optional(),
});

export interface Article {
  id: string;
  title: string;
  date: string;
  dateKind: DateKind;
  source: string;
  url?: string;
  lang: 'vi' | 'en';
  tags: string[];
  /** Body paragraphs, cleaned (NFC, one line, no Markdown emphasis), in reading order: `#p1` is [0]. */
  paragraphs: string[];
  /** Photo captions, kept apart from the body and never quoted as evidence. */
  captions: string[];
  /** Where it came from: a file path, or `file:line` for JSONL. */
  origin: string;
}
