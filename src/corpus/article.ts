import { z } from 'zod';
import type { DateKind } from '../types.js';
import { isIsoDate } from '../text/format-date.js';
import { ARTICLE_ID } from './ids.js';

const isoDate = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v.trim()))
  .refine(isIsoDate, 'must be a real ISO date, YYYY-MM-DD');

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
    // Written by `kiemchung add` (all optional: hand-written files need none of them).
    /** Who wrote it, as the page names them. */
    author: z.string().trim().min(1).max(300).optional(),
    /** Time of publication as printed, HH:MM on the page's clock. */
    time: z
      .string()
      .trim()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM')
      .optional(),
    /** The site's name (og:site_name) when `source` is the article's own credit. */
    site: z.string().trim().min(1).max(300).optional(),
    /** The address the page was fetched from, when it differs from the canonical `url`. */
    fetched_url: z.string().trim().url().optional(),
    /** When the page was last fetched (ISO 8601). */
    fetched_at: z
      .union([z.string(), z.date()])
      .transform((v) => (v instanceof Date ? v.toISOString() : v.trim()))
      .optional(),
    /** Checksum of the text as extracted; differs from the file's text once an editor corrects it. */
    extracted_hash: z
      .string()
      .trim()
      .regex(/^[0-9a-f]{16,64}$/, 'must be a hexadecimal checksum')
      .optional(),
  })
  .strict();

/** One line of the JSONL corpus format (see the data README): looser, as scraped data is. */
export const jsonlArticleSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String).pipe(z.string().trim().min(1).max(200)),
  title: z.string().trim().min(1, 'must not be empty'),
  body: z.string(),
  // Optional (the data sets have none), but a date given must be real, as in a Markdown file: a
  // record with "2024-13-01" is reported, not indexed as of an unknown date.
  date: z.preprocess((v) => (v === null || v === '' ? undefined : v), isoDate.optional()),
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
  /** Who wrote it, when known. */
  author?: string;
  /** Body paragraphs, cleaned (NFC, one line, no Markdown emphasis), in reading order: `#p1` is [0]. */
  paragraphs: string[];
  /**
   * Photo captions, in reading order. They are also the last paragraphs (after the body's), so
   * that a fact only a caption gives can be quoted, labelled as a caption (`captionOf`).
   */
  captions: string[];
  /** Where it came from: a file path, or `file:line` for JSONL. */
  origin: string;
}

