import { describe, expect, it } from 'vitest';
import { ProviderError, createLogger } from '../../src/index.js';

const lines = (level: 'debug' | 'info', err: Error) => {
  const out: string[] = [];
  createLogger(level, (l) => out.push(l), []).error('LLM answer failed', err);
  return out.join('\n');
};

describe('how errors are logged', () => {
  it("writes the project's own errors as their message, with their causes, and their stacks only at debug level", () => {
    const err = new ProviderError('llm openai:gpt-4o-mini', 'cannot reach https://api.example/v1', { cause: new Error('getaddrinfo ENOTFOUND api.example') });
    const info = lines('info', err);
    expect(info).toMatch(
      /ERROR LLM answer failed ProviderError: llm openai:gpt-4o-mini: cannot reach https:\/\/api\.example\/v1\ncaused by Error: getaddrinfo ENOTFOUND api\.example$/,
    );
    expect(info).not.toMatch(/\n\s+at /);
    expect(lines('debug', err)).toMatch(/\n\s+at /);
  });

  it('writes any other error (a bug) with its stack at every level', () => {
    expect(lines('info', new TypeError('x is undefined'))).toMatch(/TypeError: x is undefined\n\s+at /);
  });
});
