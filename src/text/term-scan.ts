import { finalise } from './hash.js';
import { canonicalTones, nfc } from './normalize.js';
import { SEED_FOLDED, SEED_MARKED } from './term-hashes.js';

/**
 * The hashed terms of a text in one pass over its characters, without making a string per
 * syllable or pair: what `terms()` (tokenize.ts) gives, hashed as `markedHash` / `foldedHash`
 * would hash it. Building the index calls this for every passage, so it is written for speed;
 * tests hold it to `terms()` on random and real text.
 *
 * How it matches `syllables()` without its regular expressions: a syllable run (`RUN`) never
 * contains a phrase break (`PHRASE_BREAK`: those are punctuation before a space, brackets and
 * quotes, " - "), so the runs of the whole text are the runs of its phrases, and two adjacent
 * syllables form a pair unless the gap between them holds a phrase break.
 */

const PRIME = 0x01000193;

/** Character classes of UTF-16 code units: 1 letter or mark, 2 number, 0 anything else. */
const CLASS = new Uint8Array(0x10000);
{
  const lm = /[\p{L}\p{M}]/u;
  const n = /\p{N}/u;
  for (let c = 0x80; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const ch = String.fromCharCode(c);
    if (lm.test(ch)) CLASS[c] = 1;
    else if (n.test(ch)) CLASS[c] = 2;
  }
  for (let c = 0x61; c <= 0x7a; c++) CLASS[c] = 1;
  for (let c = 0x41; c <= 0x5a; c++) CLASS[c] = 1;
  for (let c = 0x30; c <= 0x39; c++) CLASS[c] = 2;
}
const astralClass = new Map<number, number>();
function classOfCodePoint(cp: number): number {
  let k = astralClass.get(cp);
  if (k === undefined) {
    const ch = String.fromCodePoint(cp);
    k = /[\p{L}\p{M}]/u.test(ch) ? 1 : /\p{N}/u.test(ch) ? 2 : 0;
    astralClass.set(cp, k);
  }
  return k;
}

/** Folded code unit for every code unit (tone marks and diacritics removed, đ → d); 0xffff drops it. */
const FOLD = new Uint16Array(0x10000);
{
  for (let c = 0; c < 0x10000; c++) FOLD[c] = c;
  for (const [from, to] of [
    [0x00c0, 0x024f],
    [0x1e00, 0x1eff],
  ] as const) {
    for (let c = from; c <= to; c++) {
      const ch = String.fromCharCode(c);
      const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      if (base !== ch && base.length === 1) FOLD[c] = base.charCodeAt(0);
    }
  }
  FOLD[0x0111] = 0x64;
  FOLD[0x0110] = 0x44;
  for (let c = 0x300; c <= 0x36f; c++) FOLD[c] = 0xffff;
}

/** Separators allowed inside a syllable run: . , ' ’ - */
function isRunSeparator(c: number): boolean {
  return c === 0x2e || c === 0x2c || c === 0x27 || c === 0x2019 || c === 0x2d;
}
/** Punctuation that breaks a phrase when a space or the end follows it: . ! ? ; : , … */
function isEndPunct(c: number): boolean {
  return c === 0x2e || c === 0x21 || c === 0x3f || c === 0x3b || c === 0x3a || c === 0x2c || c === 0x2026;
}
/** Characters that always break a phrase: ( ) [ ] { } " “ ” « » – — and a line feed. */
function isBreak(c: number): boolean {
  return (
    c === 0x28 ||
    c === 0x29 ||
    c === 0x5b ||
    c === 0x5d ||
    c === 0x7b ||
    c === 0x7d ||
    c === 0x22 ||
    c === 0x201c ||
    c === 0x201d ||
    c === 0xab ||
    c === 0xbb ||
    c === 0x2013 ||
    c === 0x2014 ||
    c === 0x0a
  );
}
/** JavaScript's `\s`. */
function isSpace(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * Where a scan writes: for each syllable and each pair, its marked and folded hash, in the
 * order `terms()` lists them (syllables first, then pairs). Reused across calls.
 */
export class TermSink {
  marked = new Uint32Array(1024);
  folded = new Uint32Array(1024);
  /** Hashes written (syllables and pairs). */
  length = 0;

  // Syllable bounds in the scanned text, and the phrase each belongs to.
  private starts = new Int32Array(512);
  private ends = new Int32Array(512);
  private phrase = new Int32Array(512);
  private count = 0;
  private stateM = new Int32Array(512);
  private stateF = new Int32Array(512);

  reset(): void {
    this.length = 0;
    this.count = 0;
  }

  /** Appends hashes written by an earlier scan (`n` marked and `n` folded), as if that text were scanned again. */
  append(marked: Uint32Array, folded: Uint32Array, n: number): void {
    this.room(n);
    this.marked.set(marked.subarray(0, n), this.length);
    this.folded.set(folded.subarray(0, n), this.length);
    this.length += n;
  }

  /** Records syllable [start, end) of phrase `p`. */
  syllable(start: number, end: number, p: number): void {
    if (this.count === this.starts.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
      this.phrase = grow(this.phrase);
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.phrase[this.count] = p;
    this.count++;
  }

  private room(n: number): void {
    if (this.length + n <= this.marked.length) return;
    let size = this.marked.length * 2;
    while (size < this.length + n) size *= 2;
    const m = new Uint32Array(size);
    m.set(this.marked.subarray(0, this.length));
    const f = new Uint32Array(size);
    f.set(this.folded.subarray(0, this.length));
    this.marked = m;
    this.folded = f;
  }

  /** Hashes the recorded syllables of `text` and their pairs, appending them. */
  hashAll(text: string): void {
    const n = this.count;
    this.room(2 * n);
    const { starts, ends, phrase, marked, folded } = this;
    // FNV-1a states (before the finaliser) of each syllable, to continue them into pairs.
    let o = this.length;
    if (this.stateM.length < n) {
      this.stateM = new Int32Array(this.starts.length);
      this.stateF = new Int32Array(this.starts.length);
    }
    const { stateM, stateF } = this;
    for (let i = 0; i < n; i++) {
      let hm = SEED_MARKED | 0;
      let hf = SEED_FOLDED | 0;
      const e = ends[i] as number;
      for (let j = starts[i] as number; j < e; j++) {
        const c = text.charCodeAt(j);
        hm = Math.imul(hm ^ c, PRIME);
        const f = FOLD[c] as number;
        if (f !== 0xffff) hf = Math.imul(hf ^ f, PRIME);
      }
      stateM[i] = hm;
      stateF[i] = hf;
      marked[o] = finalise(hm);
      folded[o] = finalise(hf);
      o++;
    }
    for (let i = 1; i < n; i++) {
      if (phrase[i] !== phrase[i - 1]) continue;
      let hm = Math.imul((stateM[i - 1] as number) ^ 0x20, PRIME);
      let hf = Math.imul((stateF[i - 1] as number) ^ 0x20, PRIME);
      const e = ends[i] as number;
      for (let j = starts[i] as number; j < e; j++) {
        const c = text.charCodeAt(j);
        hm = Math.imul(hm ^ c, PRIME);
        const f = FOLD[c] as number;
        if (f !== 0xffff) hf = Math.imul(hf ^ f, PRIME);
      }
      marked[o] = finalise(hm);
      folded[o] = finalise(hf);
      o++;
    }
    this.length = o;
    this.count = 0;
  }
}

/** Class of the code point at `i` of `s` (1 letter or mark, 2 number, 0 other), plus 4 when it takes two code units. */
function classAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return CLASS[c] as number;
  const d = s.charCodeAt(i + 1);
  if (d >= 0xdc00 && d <= 0xdfff) return classOfCodePoint(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000) | 4;
  return 0;
}

/**
 * Appends the hashed syllables and pairs of `text` to `sink` (syllables, then pairs, as
 * `terms()` orders them). Several texts can be appended to one sink; pairs never join two texts.
 */
export function scanTerms(text: string, sink: TermSink): void {
  const s = canonicalTones(nfc(text).toLowerCase());
  const len = s.length;
  let phrase = 0;
  let i = 0;
  // Whether the gap since the last syllable holds a phrase break.
  let broke = false;
  while (i < len) {
    let c = s.charCodeAt(i);
    let k = c < 0xd800 || c > 0xdbff ? (CLASS[c] as number) : classAt(s, i);
    if ((k & 3) === 0) {
      // Gap: look for a phrase break.
      if (isBreak(c)) broke = true;
      else if (isEndPunct(c)) {
        let j = i + 1;
        while (j < len && isEndPunct(s.charCodeAt(j))) j++;
        if (j === len || isSpace(s.charCodeAt(j))) broke = true;
        i = j;
        continue;
      } else if (isSpace(c) && s.charCodeAt(i + 1) === 0x2d && i + 2 < len && isSpace(s.charCodeAt(i + 2))) broke = true;
      i += k & 4 ? 2 : 1;
      continue;
    }
    if (broke) {
      phrase++;
      broke = false;
    }
    // A run: word characters, then separator + word characters, repeatedly.
    const runStart = i;
    let numeric = true;
    let hasSep = false;
    for (;;) {
      while (i < len) {
        c = s.charCodeAt(i);
        k = c < 0xd800 || c > 0xdbff ? (CLASS[c] as number) : classAt(s, i);
        if ((k & 3) === 0) break;
        if ((k & 3) !== 2) numeric = false;
        i += k & 4 ? 2 : 1;
      }
      if (i + 1 >= len || !isRunSeparator(c)) break;
      const next = s.charCodeAt(i + 1);
      const nk = next < 0xd800 || next > 0xdbff ? (CLASS[next] as number) : classAt(s, i + 1);
      if ((nk & 3) === 0) break;
      if (c !== 0x2e && c !== 0x2c) numeric = false;
      hasSep = true;
      i++;
    }
    if (numeric || !hasSep) {
      sink.syllable(runStart, i, phrase);
    } else {
      // Parts between separators.
      let a = runStart;
      for (let j = runStart; j <= i; j++) {
        if (j === i || isRunSeparator(s.charCodeAt(j))) {
          if (j > a) sink.syllable(a, j, phrase);
          a = j + 1;
        }
      }
    }
  }
  sink.hashAll(s);
}
