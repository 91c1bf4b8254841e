import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DRAFT_MAX_CHARS } from '../../adapters/shared/draft-loop.js';
import { renderDraft } from '../../adapters/telegram/draft.js';
import { messages } from '../../adapters/telegram/messages.js';
import { checkTelegramHtml } from '../support/telegram-html.js';

const vi = messages('vi');
const visible = (html: string | null) => (html === null ? null : checkTelegramHtml(html).text);

describe('renderDraft', () => {
  it('shows the text so far with an ellipsis and the unchecked note in italics', () => {
    expect(renderDraft('Tổng Thư ký IEC là', vi)).toBe('Tổng Thư ký IEC là…\n\n<i>Bản nháp, đang kiểm tra trích dẫn…</i>');
    expect(visible(renderDraft('Checking', messages('en')))).toBe('Checking…\n\nDraft, checking the citations…');
  });

  it('shows nothing for a draft without words', () => {
    expect(renderDraft('', vi)).toBeNull();
    expect(renderDraft('  …  ', vi)).toBeNull();
  });

  it('escapes the model text and cuts a long one', () => {
    expect(renderDraft('a <b> & "c"', vi)).toContain('a &lt;b&gt; &amp; &quot;c&quot;…');
    const long = renderDraft('từ '.repeat(3000), vi) as string;
    expect(checkTelegramHtml(long).text.length).toBeLessThanOrEqual(DRAFT_MAX_CHARS + 60);
  });

  it('is always valid Telegram HTML within one message', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 6000 }), (raw) => {
        const html = renderDraft(raw, vi);
        if (html === null) return;
        const r = checkTelegramHtml(html);
        expect(r.error).toBeUndefined();
        expect(r.text.length).toBeLessThanOrEqual(4096);
      }),
    );
  });
});
