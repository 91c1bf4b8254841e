/**
 * Telegram's HTML, whatever goes in: escaping, and the splitting that keeps each message within
 * 4,096 characters. Knows nothing of the product's messages. Pure functions that never throw.
 *
 * Telegram rejects a whole message when its HTML is off (an unknown tag, a stray `&`, tags
 * crossed or left open), so every message goes through `splitHtml`, which rebuilds the markup
 * from tokens: whatever it returns parses and balances, and stays within the length limit.
 */

/** Longest text Telegram accepts in one message. */
export const TELEGRAM_TEXT_LIMIT = 4096;
/** Below this a limit is raised to it: a chunk must hold a few reopened tags and some text. */
export const MIN_SPLIT_LIMIT = 64;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

type OpenAtom = { kind: 'open'; name: string; raw: string };
type Atom = OpenAtom | { kind: 'close'; name: string; raw: string } | { kind: 'text'; raw: string; visible: string };

const ALLOWED_TAGS = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'a', 'code', 'pre', 'blockquote', 'tg-spoiler', 'span', 'tg-emoji']);
// Telegram refuses these inside themselves; code and pre hold no other markup (except code in pre).
const NO_SELF_NESTING = new Set(['a', 'blockquote', 'pre', 'code']);
const TAG = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:="[^"<>]*")?)*)\s*>/;
const ENTITY = /^&(?:(lt|gt|amp|quot)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));/;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

// Control characters (other than tab and line feed) show nothing and some clients choke on them.
const CONTROL = /^[\u0000-\u0008\u000b-\u001f\u007f-\u009f]$/;

function textAtom(ch: string): Atom {
  return CONTROL.test(ch) ? { kind: 'text', raw: '', visible: '' } : { kind: 'text', raw: escapeHtml(ch), visible: ch };
}

function decodeEntity(m: RegExpExecArray): string | null {
  if (m[1]) return NAMED[m[1]] ?? null;
  const code = m[2] ? Number(m[2]) : parseInt(m[3] ?? '', 16);
  if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return null;
  return String.fromCodePoint(code);
}

/** Splits markup into tags, entities and single code points; anything malformed becomes escaped text. */
function tokenize(html: string): Atom[] {
  const atoms: Atom[] = [];
  let i = 0;
  while (i < html.length) {
    const c = html[i] as string;
    if (c === '<') {
      const m = TAG.exec(html.slice(i, i + 512));
      if (m) {
        const name = (m[2] as string).toLowerCase();
        // Tag names are written in lower case ("<I>" becomes "<i>"), so that open and close match.
        atoms.push(m[1] ? { kind: 'close', name, raw: `</${name}>` } : { kind: 'open', name, raw: `<${name}${m[3] ?? ''}>` });
        i += m[0].length;
        continue;
      }
    } else if (c === '&') {
      const m = ENTITY.exec(html.slice(i, i + 12));
      const decoded = m ? decodeEntity(m) : null;
      if (m && decoded !== null) {
        atoms.push({ kind: 'text', raw: m[0], visible: decoded });
        i += m[0].length;
        continue;
      }
    }
    const cp = html.codePointAt(i) as number;
    const ch = String.fromCodePoint(cp);
    // A lone surrogate cannot be sent as UTF-8; replace it rather than pass it on.
    atoms.push(textAtom(cp >= 0xd800 && cp <= 0xdfff ? '\uFFFD' : ch));
    i += ch.length;
  }
  return atoms;
}

/** Rebuilds the atom list so that every tag is allowed, properly nested and closed. */
function balance(atoms: Atom[]): Atom[] {
  const out: Atom[] = [];
  const stack: string[] = [];
  for (const a of atoms) {
    if (a.kind === 'text') {
      out.push(a);
      continue;
    }
    if (a.kind === 'open') {
      const top = stack[stack.length - 1];
      const insideCode = top === 'code' || top === 'pre';
      const allowed =
        ALLOWED_TAGS.has(a.name) &&
        !(NO_SELF_NESTING.has(a.name) && stack.includes(a.name)) &&
        !(insideCode && !(top === 'pre' && a.name === 'code')) &&
        !(a.name === 'span' && !/class="tg-spoiler"/.test(a.raw));
      if (allowed) {
        stack.push(a.name);
        out.push(a);
      } else {
        for (const ch of a.raw) out.push(textAtom(ch));
      }
      continue;
    }
    const at = stack.lastIndexOf(a.name);
    if (at === -1) {
      for (const ch of a.raw) out.push(textAtom(ch));
      continue;
    }
    while (stack.length > at) out.push(closeAtom(stack.pop() as string));
  }
  while (stack.length > 0) out.push(closeAtom(stack.pop() as string));
  return out;
}

function closeAtom(name: string): Atom {
  return { kind: 'close', name, raw: `</${name}>` };
}

/** Repairs markup into Telegram-valid HTML (no length limit). */
export function repairHtml(html: string): string {
  return balance(tokenize(html))
    .map((a) => a.raw)
    .join('');
}

const isSpace = (a: Atom | undefined) => a?.kind === 'text' && /^\s$/u.test(a.visible);
const isCombining = (a: Atom | undefined) => a?.kind === 'text' && /^(?:\p{M}|\u200d|\ufe0f)/u.test(a.visible);

/** How good a place the boundary after `atoms[j]` is to cut a message: higher is better. */
function breakQuality(atoms: Atom[], j: number): number {
  const prev = atoms[j];
  const next = atoms[j + 1];
  if (prev?.kind === 'open' || next?.kind === 'close' || isCombining(next)) return -1;
  if (prev?.kind !== 'text') return 0;
  if (prev.visible === '\n') return atoms[j - 1]?.kind === 'text' && (atoms[j - 1] as { visible: string }).visible === '\n' ? 4 : 3;
  if (isSpace(prev)) {
    const before = atoms[j - 1];
    return before?.kind === 'text' && /^[.!?…;:]$/.test(before.visible) ? 2 : 1;
  }
  return 0;
}

const hasVisibleText = (atoms: Atom[]) => atoms.some((a) => a.kind === 'text' && /\S/u.test(a.visible));

/**
 * Splits (and repairs) Telegram HTML into messages of at most `limit` characters, preferring
 * paragraph breaks, then line breaks, sentence ends and spaces. Tags open at a cut are closed
 * at the end of one message and reopened at the start of the next; entities and surrogate
 * pairs are never cut. Messages without visible text are dropped, so the result may be empty.
 */
export function splitHtml(html: string, limit: number = TELEGRAM_TEXT_LIMIT): string[] {
  const max = Math.max(MIN_SPLIT_LIMIT, Math.floor(Number.isFinite(limit) ? limit : TELEGRAM_TEXT_LIMIT));
  let atoms = balance(tokenize(html));
  const chunks: string[] = [];
  let stack: OpenAtom[] = [];
  let i = 0;
  while (i < atoms.length) {
    const prefix = stack.map((a) => a.raw).join('');
    let len = prefix.length;
    const st = [...stack];
    let closeLen = st.reduce((n, a) => n + a.name.length + 3, 0);
    let best = -1;
    let bestScore = -Infinity;
    let bestStack: OpenAtom[] = [];
    let visible = false;
    let j = i;
    for (; j < atoms.length; j++) {
      const a = atoms[j] as Atom;
      if (a.kind === 'open') {
        st.push(a);
        closeLen += a.name.length + 3;
      } else if (a.kind === 'close') {
        st.pop();
        closeLen -= a.name.length + 3;
      } else if (/\S/u.test(a.visible)) {
        visible = true;
      }
      len += a.raw.length;
      if (len + closeLen > max) break;
      if (!visible) continue;
      const q = breakQuality(atoms, j);
      const score = q * 2 + (len >= max / 2 ? 1 : 0);
      if (score >= bestScore) {
        best = j;
        bestScore = score;
        bestStack = [...st];
      }
    }
    if (j === atoms.length) {
      const rest = atoms.slice(i);
      if (hasVisibleText(rest)) chunks.push(prefix + rest.map((a) => a.raw).join(''));
      break;
    }
    if (best === -1) {
      if (j > i && stack.length === 0 && atoms.slice(i, j).every((a) => a.kind === 'text')) {
        // Only white space fits before the limit; it would show nothing, so skip it.
        i = j;
      } else {
        // Not one visible character fits beside the open tags: drop the markup for the rest
        // rather than fail. Text atoms are at most a few characters, so this always progresses.
        atoms = atoms.slice(i).filter((a) => a.kind === 'text');
        stack = [];
        i = 0;
      }
      continue;
    }
    const body = atoms.slice(i, best + 1);
    while (body.length > 0 && isSpace(body[body.length - 1])) body.pop();
    const closes = [...bestStack]
      .reverse()
      .map((a) => `</${a.name}>`)
      .join('');
    chunks.push(prefix + body.map((a) => a.raw).join('') + closes);
    stack = bestStack;
    i = best + 1;
    // Leading white space would only be trimmed by Telegram; skip it now.
    while (i < atoms.length && isSpace(atoms[i])) i++;
  }
  return chunks;
}

/**
 * Packs blocks (each a piece of markup) into as few messages as fit, joined by `separator`;
 * a block longer than the limit is split on its own. Every result is repaired and within limit.
 */
export function packBlocks(blocks: string[], limit: number = TELEGRAM_TEXT_LIMIT, separator = '\n\n'): string[] {
  const max = Math.max(MIN_SPLIT_LIMIT, Math.floor(Number.isFinite(limit) ? limit : TELEGRAM_TEXT_LIMIT));
  const out: string[] = [];
  let current = '';
  for (const block of blocks) {
    for (const piece of splitHtml(block, max)) {
      if (current === '') current = piece;
      else if (current.length + separator.length + piece.length <= max) current += separator + piece;
      else {
        out.push(current);
        current = piece;
      }
    }
  }
  if (current !== '') out.push(current);
  return out;
}
