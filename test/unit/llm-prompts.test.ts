import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatSources, loadPrompts, promptFile, renderTemplate } from '../../src/answer/llm-prompts.js';
import { ConfigError } from '../../src/errors.js';

describe('answer prompts', () => {
  it('loads the shipped templates, each with the placeholders it needs', () => {
    const p = loadPrompts(path.resolve('prompts'));
    for (const lang of ['vi', 'en'] as const) {
      expect(p.user[lang]).toContain('{{sources}}');
      expect(p.user[lang]).toContain('{{question}}');
      expect(p.system[lang]).toContain('[[NO_ANSWER]]');
      expect(p.system[lang]).toContain('{{source_count}}');
    }
  });

  it('lists every missing file and bad placeholder at once', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiemchung-prompts-'));
    try {
      fs.writeFileSync(path.join(dir, promptFile('system', 'vi')), 'Hệ thống {{nguon}}');
      fs.writeFileSync(path.join(dir, promptFile('user', 'vi')), 'Chỉ có {{question}}');
      const err = (() => {
        try {
          loadPrompts(dir);
        } catch (e) {
          return e;
        }
        return null;
      })();
      expect(err).toBeInstanceOf(ConfigError);
      const issues = (err as ConfigError).issues.join('\n');
      expect(issues).toMatch(/unknown placeholder \{\{nguon\}\}/);
      expect(issues).toMatch(/answer-user\.vi\.md: the template must contain \{\{sources\}\}/);
      expect(issues).toMatch(/cannot read .*answer-system\.en\.md/);
      expect(issues).toMatch(/cannot read .*answer-user\.en\.md/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('renders in one pass, so a question cannot inject a placeholder', () => {
    expect(renderTemplate('Q: {{question}}\n{{sources}}', { question: '{{sources}}', sources: 'S' })).toBe('Q: {{sources}}\nS');
  });

  it('delimits sources and escapes their attributes', () => {
    const out = formatSources([{ marker: 1, paragraphId: 'a#p1', title: 'Tên "lạ" <b>', date: '2024-01-02', text: 'Văn bản' }]);
    expect(out).toBe('<sources>\n<source n="1" paragraph="a#p1" title="Tên ”lạ”  b " date="2024-01-02">\nVăn bản\n</source>\n</sources>');
  });
});
