import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors.js';
import type { Lang } from '../types.js';

/** The answer prompts, one system and one user template per language. */
export interface AnswerPrompts {
  system: Record<Lang, string>;
  user: Record<Lang, string>;
}

const REQUIRED_IN_USER = ['{{sources}}', '{{question}}'];
const KNOWN = new Set(['sources', 'question', 'source_count']);

export function promptFile(kind: 'system' | 'user', lang: Lang): string {
  return `answer-${kind}.${lang}.md`;
}

/**
 * Reads `answer-system.{vi,en}.md` and `answer-user.{vi,en}.md` from the prompts folder
 * (KIEMCHUNG_PROMPTS_DIR) once, at start, and lists every missing file or placeholder at once.
 */
export function loadPrompts(dir: string): AnswerPrompts {
  const problems: string[] = [];
  const read = (kind: 'system' | 'user', lang: Lang): string => {
    const file = path.join(dir, promptFile(kind, lang));
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8').normalize('NFC').trim();
    } catch {
      problems.push(`KIEMCHUNG_PROMPTS_DIR: cannot read ${file}`);
      return '';
    }
    if (kind === 'user') for (const p of REQUIRED_IN_USER) if (!text.includes(p)) problems.push(`${file}: the template must contain ${p}`);
    for (const m of text.matchAll(/\{\{\s*([\w-]+)\s*\}\}/g)) if (!KNOWN.has(m[1] as string)) problems.push(`${file}: unknown placeholder {{${m[1]}}}`);
    return text;
  };
  const prompts: AnswerPrompts = {
    system: { vi: read('system', 'vi'), en: read('system', 'en') },
    user: { vi: read('user', 'vi'), en: read('user', 'en') },
  };
  if (problems.length) throw new ConfigError(problems);
  return prompts;
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
