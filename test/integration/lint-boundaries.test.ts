import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('lint enforces the layer boundaries', () => {
  it('refuses an adapter importing engine internals, and allows the public surface', async () => {
    expect(
      await restricted('adapters/telegram/probe.ts', "import { createEngine } from '../../src/engine.js';\nexport const x = createEngine;\n"),
    ).toHaveLength(1);
    expect(
      await restricted('adapters/shared/probe.ts', "import { retrieve } from '../../src/retrieve/retrieve.js';\nexport const x = retrieve;\n"),
    ).toHaveLength(1);
    expect(await restricted('adapters/telegram/probe.ts', "import { createEngine } from '../../src/index.js';\nexport const x = createEngine;\n")).toEqual([]);
  });

  it('refuses the core importing a chat library or an adapter', async () => {
    expect(await restricted('src/probe.ts', "import { Bot } from 'grammy';\nexport const x = Bot;\n")).toHaveLength(1);
    expect(await restricted('src/answer/probe.ts', "import { Client } from 'discord.js';\nexport const x = Client;\n")).toHaveLength(1);
    expect(await restricted('src/probe.ts', "import { run } from '@grammyjs/runner';\nexport const x = run;\n")).toHaveLength(1);
    expect(await restricted('src/probe.ts', "import { x } from '../adapters/shared/text.js';\nexport const y = x;\n")).toHaveLength(1);
    expect(await restricted('src/probe.ts', "import { z } from 'zod';\nexport const x = z;\n")).toEqual([]);
  });
});
