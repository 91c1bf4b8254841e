import { describe, expect, it } from 'vitest';
import { maskingLogger } from '../../adapters/shared/log.js';
import { telegramLogger } from '../../adapters/telegram/index.js';
import { type Logger, redact } from '../../src/index.js';

function recorder(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (msg: string) => void lines.push(`${level} ${msg}`);
  return { logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }, lines };
}

describe('redact', () => {
  it('masks listed secrets and the masks it is given, and knows no platform of its own', () => {
    const url = 'https://api.telegram.org/bot123456789:AAbbCCddEEffGGhhIIjjKKllMMnn/getMe';
    expect(redact(url, [])).toBe(url);
    expect(redact(url, ['123456789:AAbbCCddEEffGGhhIIjjKKllMMnn'])).toBe('https://api.telegram.org/bot***/getMe');
    expect(redact(`${url} ${url}`, [], [{ pattern: /bot\d+:[\w-]+/, replacement: 'bot***' }])).toBe(
      'https://api.telegram.org/bot***/getMe https://api.telegram.org/bot***/getMe',
    );
  });
});

describe('maskingLogger', () => {
  it('writes the error and the errors it wraps, masked, at the same level', () => {
    const rec = recorder();
    const log = maskingLogger(rec.logger, { secrets: ['sk-secret-value', 'abc'], masks: [{ pattern: /token=\w+/g, replacement: 'token=***' }] });
    const inner = Object.assign(new Error('fetch failed for https://x/?token=abcdef'), {});
    const wrapped = Object.assign(new Error('request failed'), { error: inner });
    log.warn('call failed with sk-secret-value', new Error('outer', { cause: wrapped }));
    log.info('plain', { key: 'sk-secret-value', n: 1 });
    log.error('text abc', 'just a string');
    expect(rec.lines[0]).toMatch(
      /^warn call failed with \*\*\*: Error: outer[\s\S]*caused by Error: request failed[\s\S]*caused by Error: fetch failed for https:\/\/x\/\?token=\*\*\*/,
    );
    expect(rec.lines[1]).toBe('info plain: {"key":"***","n":1}');
    // Secrets shorter than six characters would mask ordinary words: they are ignored.
    expect(rec.lines[2]).toBe('error text abc: just a string');
  });

  it('for Telegram, masks any bot token inside a URL, listed or not', () => {
    const rec = recorder();
    telegramLogger(rec.logger, []).warn('GET https://api.telegram.org/bot987654321:WRONGtoken_abcdefghijklmnopqrstuv/getUpdates failed');
    expect(rec.lines).toEqual(['warn GET https://api.telegram.org/bot***/getUpdates failed']);
  });
});
