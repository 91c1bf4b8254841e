import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors.js';
import type { Lang } from '../types.js';

/** A pair of prompts, one system and one user template per language. */
export interface PromptPair {
  system: Record<Lang, string>;
  user: Record<Lang, string>;
}

/** The answer prompts. */
export type AnswerPrompts = PromptPair;

export function promptFile(kind: 'system' | 'user', lang: Lang, stem = 'answer'): string {
  return `${stem}-${kind}.${lang}.md`;
}

/**
 * Reads `<stem>-system.{vi,en}.md` and `<stem>-user.{vi,en}.md` from the prompts folder
 * (KIEMCHUNG_PROMPTS_DIR) once, at start, and lists every missing file, every placeholder the
 * user template must have and lacks, and every unknown placeholder, at once.
 */
export function loadPromptPair(dir: string, stem: string, placeholders: { required: readonly string[]; known: readonly string[] }): PromptPair {
  const problems: string[] = [];
  const known = new Set(placeholders.known);
  const read = (kind: 'system' | 'user', lang: Lang): string => {
    const file = path.join(dir, promptFile(kind, lang, stem));
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8').normalize('NFC').trim();
    } catch {
      problems.push(`KIEMCHUNG_PROMPTS_DIR: cannot read ${file}`);
      return '';
    }
    if (kind === 'user') for (const p of placeholders.required) if (!text.includes(`{{${p}}}`)) problems.push(`${file}: the template must contain {{${p}}}`);
    for (const m of text.matchAll(/\{\{\s*([\w-]+)\s*\}\}/g)) if (!known.has(m[1] as string)) problems.push(`${file}: unknown placeholder {{${m[1]}}}`);
    return text;
  };
  const prompts: PromptPair = {
    system: { vi: read('system', 'vi'), en: read('system', 'en') },
    user: { vi: read('user', 'vi'), en: read('user', 'en') },
  };
  if (problems.length) throw new ConfigError(problems);
  return prompts;
}

/** The answer prompts: `answer-*.md`, whose user template has `{{sources}}` and `{{question}}`. */
export function loadPrompts(dir: string): AnswerPrompts {
  return loadPromptPair(dir, 'answer', { required: ['sources', 'question'], known: ['sources', 'question', 'source_count'] });
}

/** Fills `{{name}}` placeholders in one pass, so text inserted for one is never re-read as another. */
export function renderTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*([\w-]+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}

export interface PromptSource {
  marker: number;
  paragraphId: string;
  title: string;
  date: string;
  text: string;
}

/** Attribute values are quoted; angle brackets and quotes in them are replaced. */
function attr(value: string): string {
  return value.replace(/["<>\n\r]/g, (c) => (c === '"' ? '”' : ' '));
}

/**
 * The numbered paragraphs as one delimited data block. A paragraph cannot close its own
 * block or open another: any `<source`/`</source` inside it is defused.
 */
export function formatSources(sources: PromptSource[]): string {
  const blocks = sources.map((s) => {
    const body = s.text.replace(/<(\/?\s*sources?\b)/gi, '‹$1');
    return `<source n="${s.marker}" paragraph="${attr(s.paragraphId)}" title="${attr(s.title)}" date="${attr(s.date)}">\n${body}\n</source>`;
  });
  return `<sources>\n${blocks.join('\n')}\n</sources>`;
}
