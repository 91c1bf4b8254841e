import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadJsonl } from '../../src/cli/jsonl.js';
import { InputError } from '../../src/errors.js';
import { tempDir } from '../support/corpus.js';

const schema = z.object({ id: z.string(), n: z.number().default(1) });

function file(text: string): string {
  const f = path.join(tempDir('kc-jsonl-'), 'items.jsonl');
  fs.writeFileSync(f, text);
  return f;
}

describe('eval item files (JSON Lines)', () => {
  it('reads every non-blank line through its schema', () => {
    expect(loadJsonl(file('{"id":"a"}\n\n{"id":"b","n":3}\n'), schema, 'questions')).toEqual([
      { id: 'a', n: 1 },
      { id: 'b', n: 3 },
    ]);
  });

  it('names the file and the line of what is wrong', () => {
    const missing = path.join(tempDir('kc-jsonl-'), 'none.jsonl');
    expect(() => loadJsonl(missing, schema, 'claims')).toThrow(new InputError(`claims file not found: ${missing}`));
    const bad = file('{"id":"a"}\n{"id": oops}\n');
    expect(() => loadJsonl(bad, schema, 'questions')).toThrow(`${bad}:2: not valid JSON`);
    const wrong = file('{"id":"a"}\n{"id":"b"}\n{"id":7}\n');
    expect(() => loadJsonl(wrong, schema, 'questions')).toThrow(new RegExp(`^${wrong.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3: id: `));
  });
});
