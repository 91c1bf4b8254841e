import fs from 'node:fs';
import type { z } from 'zod';
import { InputError } from '../errors.js';

/**
 * Reads a JSON Lines file of eval items, each checked against its schema. A missing file, a line
 * that is not JSON and an item that does not fit say so with the file and line number.
 */
export function loadJsonl<S extends z.ZodType>(file: string, schema: S, what: string): z.infer<S>[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new InputError(`${what} file not found: ${file}`);
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
  return out;
}
