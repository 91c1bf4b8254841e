/**
 * A strict reading of Telegram's HTML parse mode, written apart from the adapter's formatter so
 * that tests check it against an independent oracle: allowed tags and attributes only, tags
 * properly nested and closed, every `<`, `>` and `&` outside markup escaped.
 */

export interface HtmlCheck {
  ok: boolean;
  error?: string;
  /** The text a reader sees, entities decoded (what Telegram's 4,096 limit counts). */
  text: string;
  /** Names of the tags in the order they open. */
  tags: string[];
}

const TAGS: Record<string, RegExp> = {
  b: /^$/,
  strong: /^$/,
  i: /^$/,
  em: /^$/,
  u: /^$/,
  ins: /^$/,
  s: /^$/,
  strike: /^$/,
  del: /^$/,
  'tg-spoiler': /^$/,
  span: /^ class="tg-spoiler"$/,
  a: /^ href="[^"]*"$/,
  code: /^( class="language-[\w+-]+")?$/,
  pre: /^$/,
  blockquote: /^( expandable)?$/,
  'tg-emoji': /^ emoji-id="\d+"$/,
};

export function checkTelegramHtml(html: string): HtmlCheck {
  const stack: string[] = [];
  const tags: string[] = [];
  let text = '';
  let i = 0;
  const fail = (error: string): HtmlCheck => ({ ok: false, error: `${error} at ${i}`, text, tags });
  while (i < html.length) {
    const c = html[i] as string;
    if (c === '<') {
      const end = html.indexOf('>', i);
      if (end === -1) return fail('unclosed <');
      const inner = html.slice(i + 1, end);
      const close = /^\/([a-z-]+)$/.exec(inner);
      if (close) {
        const name = close[1] as string;
        if (stack.pop() !== name) return fail(`unexpected </${name}>`);
      } else {
        const open = /^([a-z-]+)(.*)$/s.exec(inner);
        if (!open) return fail('bad tag');
        const name = open[1] as string;
        const attrs = open[2] as string;
        const rule = TAGS[name];
        if (!rule) return fail(`unsupported tag <${name}>`);
        if (!rule.test(attrs)) return fail(`bad attributes on <${name}>`);
        if (name === 'a' || name === 'blockquote') {
          if (stack.includes(name)) return fail(`nested <${name}>`);
        }
        const top = stack[stack.length - 1];
        if ((top === 'code' || top === 'pre') && !(top === 'pre' && name === 'code')) return fail(`<${name}> inside <${top}>`);
        stack.push(name);
        tags.push(name);
      }
      i = end + 1;
    } else if (c === '>') {
      return fail('raw >');
    } else if (c === '&') {
      const m = /^&(lt|gt|amp|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});/.exec(html.slice(i, i + 12));
      if (!m) return fail('raw &');
      const e = m[1] as string;
      text +=
        e === 'lt'
          ? '<'
          : e === 'gt'
            ? '>'
            : e === 'amp'
              ? '&'
              : e === 'quot'
                ? '"'
                : String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
      i += m[0].length;
    } else {
      text += c;
      i++;
    }
  }
  if (stack.length > 0) return fail(`unclosed <${stack[stack.length - 1]}>`);
  return { ok: true, text, tags };
}
