import { describe, expect, it } from 'vitest';
import { isAdmin } from '../../adapters/shared/admin.js';
import { errorText, sharedMessages } from '../../adapters/shared/messages.js';
import { ConfigError, IndexError, InputError, KiemchungError, type Logger, ProviderError } from '../../src/index.js';

describe('errorText', () => {
  it('picks one short sentence by the error code, in the reader’s language', () => {
    expect(errorText('vi', new IndexError('index-corrupt', 'checksum mismatch in /srv/x/segment-7.bin'))).toBe(
      'Kho bài đang gặp sự cố. Quản trị viên đã được báo.',
    );
    expect(errorText('en', new IndexError('index-locked', 'lock held'))).toBe('The archive is being updated. Please try again in a few minutes.');
    expect(errorText('en', new ProviderError('openai', 'upstream 502'))).toBe('The answering service is having trouble. Please try again later.');
    expect(errorText('vi', new InputError('bad id'))).toBe('Tôi không đọc được yêu cầu này.');
  });

  it('says only the generic sentence for other codes, foreign errors and things that are not errors', () => {
    const other = sharedMessages('en').error.other;
    for (const err of [
      new ConfigError(['X: bad']),
      new KiemchungError('internal', 'x'),
      new TypeError('x'),
      Object.assign(new Error('x'), { code: 'provider' }),
      'a string',
      null,
    ]) {
      expect(errorText('en', err)).toBe(other);
    }
  });

  it('has a sentence for every code in both languages', () => {
    const keys = (lang: 'vi' | 'en') => Object.keys(sharedMessages(lang).error).sort();
    expect(keys('vi')).toEqual(keys('en'));
    for (const lang of ['vi', 'en'] as const) for (const text of Object.values(sharedMessages(lang).error)) expect(text.length).toBeGreaterThan(10);
  });
});

describe('isAdmin', () => {
  it('lets ADMIN_IDS through and logs every refusal with the command and the user', () => {
    const lines: string[] = [];
    const logger: Logger = { debug() {}, info() {}, warn: (m) => void lines.push(m), error() {} };
    expect(isAdmin({ adminIds: new Set([7]), logger, platform: 'telegram' }, 'reindex', 7)).toBe(true);
    expect(isAdmin({ adminIds: new Set([7]), logger, platform: 'telegram' }, 'reindex', 8)).toBe(false);
    expect(isAdmin({ adminIds: new Set(['999999999999999999']), logger, platform: 'discord' }, 'reindex', undefined)).toBe(false);
    expect(lines).toEqual(['telegram: /reindex refused for user 8', 'discord: /reindex refused for user unknown']);
  });
});
