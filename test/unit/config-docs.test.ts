import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema, loadConfig } from '../../src/config.js';
import { PRODUCT_VERSION } from '../../src/version.js';
import { REPO } from '../support/corpus.js';

describe('configuration documents', () => {
  it('lists every engine variable in .env.example and in README, and .env.example loads', () => {
    const example = fs.readFileSync(path.join(REPO, '.env.example'), 'utf8');
    const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
    const env: Record<string, string> = {};
    for (const line of example.split('\n')) {
      const m = /^([A-Z0-9_]+)=(.*)$/.exec(line);
      if (m) env[m[1] as string] = m[2] as string;
    }
    for (const key of Object.keys(configSchema.shape)) {
      expect(Object.keys(env), `${key} in .env.example`).toContain(key);
      expect(readme, `${key} in README`).toContain(`\`${key}\``);
    }
    expect(() => loadConfig(env)).not.toThrow();
  });

  it("names the product and its version in the fetcher's User-Agent", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
    expect(PRODUCT_VERSION).toBe(pkg.version);
    expect(loadConfig({}).fetch.userAgent).toMatch(new RegExp(`^kiemchung/${pkg.version.replace(/\./g, '\\.')} `));
  });
});
