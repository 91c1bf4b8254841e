import fs from 'node:fs';
import type { z } from 'zod';
import { InputError } from '../errors.js';

/**
 * Reads a JSON Lines file of eval items, each checked against its schema. A missing file, a folder,
 * a file without any item, a line that is not JSON and an item that does not fit say so, with the
 * file and line number.
 */
export function loadJsonl<S extends z.ZodType>(file: string, schema: S, what: string): z.infer<S>[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${what} file not found: ${file}`);
    if (code === 'EISDIR') throw new InputError(`${what} file ${file} is a folder; give a .jsonl file`);
    throw new InputError(`${what} file ${file} cannot be read: ${(err as Error).message}`);
  }
  const out: z.infer<S>[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw new InputError(`${file}:${i + 1}: not valid JSON`);
    }
    const item = schema.safeParse(raw);
    if (!item.success) throw new InputError(`${file}:${i + 1}: ${item.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    out.push(item.data);
  });
  // Figures over nothing are all zeros: a wrong or truncated file, not a result.
  if (out.length === 0) throw new InputError(`no ${what} in ${file} (one JSON object per line)`);
  return out;
}
